package dev.paperrec.recommend.api;

import dev.paperrec.common.api.Paging;
import dev.paperrec.recommend.RecommendationService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/papers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations")
public class SimilarPapersResource {

    private final RecommendationService service;

    SimilarPapersResource(RecommendationService service) {
        this.service = service;
    }

    @GET
    @Path("/{id}/similar")
    @Operation(summary = "Papers like this one", description = "Works for a paper nobody has read yet (content only); "
            + "never returns the paper itself or withdrawn papers. 404 unknown, 410 withdrawn.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RecommendationView.Similar.class)))
    public byte[] similar(
            @PathParam("id") String id,
            @Parameter(description = "1-100 (default 10)") @QueryParam("limit") String limit,
            @Parameter(description = "hybrid (default), content or collaborative") @QueryParam("strategy") String strategy) {
        return service.similarJson(id, strategy, Paging.parse("limit", limit, 10, 1, RecommendationService.MAX_LIMIT));
    }

    @GET
    @Path("/trending")
    @Operation(summary = "Trending papers", description = "Time-decayed upvotes and reads over the window, plus the "
            + "papers' external upvotes.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RecommendationView.Trending.class)))
    public byte[] trending(
            @Parameter(description = "ISO-8601 duration: P1D, P7D (default), P30D") @QueryParam("window") String window,
            @Parameter(description = "1-100 (default 20)") @QueryParam("limit") String limit) {
        return service.trendingJson(window, Paging.parse("limit", limit, 20, 1, RecommendationService.MAX_LIMIT));
    }
}
