package dev.paperrec.interaction;

import dev.paperrec.common.error.ApiException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;

@Path("/api/v1/events")
@Tag(name = "Events", description = "What users read, upvote or dismiss")
public class EventResource {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    private final EventService service;

    EventResource(EventService service) {
        this.service = service;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON, CSV})
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Record events", description = "One event object, a JSON array, JSON Lines or CSV "
            + "(header user_id,paper_id,type[,occurred_at,event_id]). A repeated eventId is stored once and counted "
            + "as a duplicate. The answer is sent after every accepted event is committed. A single object answers "
            + "201 (stored), 200 (duplicate) or 422 (rejected); a batch answers 200 with the counts.")
    public Response record(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        EventService.Format format = contentType == null ? EventService.Format.JSON
                : contentType.startsWith(CSV) ? EventService.Format.CSV
                : contentType.startsWith(NDJSON) ? EventService.Format.JSON_LINES
                : EventService.Format.JSON;
        EventService.Outcome outcome = service.ingest(body, format);
        IngestResult result = outcome.result();
        if (!outcome.singleObject()) {
            return Response.ok(result).build();
        }
        if (result.rejectedCount() > 0) {
            throw new ApiException(422, "Unprocessable Content", result.rejected().get(0).error());
        }
        return Response.status(result.accepted() > 0 ? 201 : 200).entity(result).build();
    }
}
