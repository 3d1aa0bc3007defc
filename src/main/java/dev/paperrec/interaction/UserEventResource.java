package dev.paperrec.interaction;

import dev.paperrec.common.api.Paging;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/users/{userId}/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class UserEventResource {

    /** A page of a user's history. */
    public record EventPage(String userId, List<EventView> items, int limit, int offset) {
    }

    private final EventService service;

    UserEventResource(EventService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "A user's events, newest first")
    public EventPage history(@PathParam("userId") String userId, @QueryParam("limit") String limit,
                             @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset, 50, 500);
        return new EventPage(userId, service.history(userId, paging), paging.limit(), paging.offset());
    }
}
