package dev.paperrec.paper;

import dev.paperrec.common.api.Paging;
import dev.paperrec.common.error.ApiException;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;

@Path("/api/v1/papers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Papers", description = "The paper catalogue")
public class PaperResource {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    private final PaperService service;
    private final CitationService citations;

    PaperResource(PaperService service, CitationService citations) {
        this.service = service;
        this.citations = citations;
    }

    @GET
    @Operation(summary = "List papers, newest first", description = "Full-text search over title and abstract with q.")
    public PaperPage list(@Parameter(description = "Search words (web-search syntax)") @QueryParam("q") String q,
                          @Parameter(description = "Page size, 1-100 (default 20)") @QueryParam("limit") String limit,
                          @Parameter(description = "Items to skip (default 0)") @QueryParam("offset") String offset) {
        return service.list(q, Paging.of(limit, offset, 20, 100));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get one paper", description = "404 if unknown, 410 if withdrawn.")
    public PaperView get(@PathParam("id") String id) {
        return service.find(id).orElseThrow(() -> ApiException.notFound("Paper", id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a paper", description = "201 on create, 200 on replace; "
            + "a withdrawn paper is reinstated. Absent references keep the stored ones; [] clears them.")
    public Response put(@PathParam("id") String id, @Valid @NotNull(message = "a JSON body is required") PaperInput input,
                        @jakarta.ws.rs.core.Context UriInfo uri) {
        PaperService.Upserted result = service.upsert(id, input);
        if (result.created()) {
            return Response.created(uri.getAbsolutePath()).entity(result.paper()).build();
        }
        return Response.ok(result.paper()).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Withdraw a paper", description = "It leaves every listing and recommendation; "
            + "its interactions are kept.")
    public Response withdraw(@PathParam("id") String id) {
        if (!service.withdraw(id)) {
            throw ApiException.notFound("Paper", id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/import")
    @Consumes({NDJSON, MediaType.APPLICATION_JSON})
    @Blocking
    @Operation(summary = "Bulk upsert papers", description = "JSON Lines (application/x-ndjson) in the papers.jsonl "
            + "format, or a JSON array. Streams; bad lines are rejected with their line number, good ones kept.")
    public ImportResult importPapers(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        return service.importPapers(body, contentType != null && contentType.startsWith(NDJSON));
    }

    @POST
    @Path("/citations")
    @Consumes(CSV)
    @Blocking
    @Operation(summary = "Bulk add citations", description = "CSV with the header paper_id,cited_paper_id. Each "
            + "citation is appended to the citing paper's references; one already stored is counted as already "
            + "known. Streams; bad lines are rejected with their line number, good ones kept.")
    public CitationImportResult importCitations(InputStream body) {
        return citations.importCsv(body);
    }
}
