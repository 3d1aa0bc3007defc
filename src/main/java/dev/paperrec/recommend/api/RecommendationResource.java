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

@Path("/api/v1/users/{userId}/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations")
public class RecommendationResource {

    private final RecommendationService service;

    RecommendationResource(RecommendationService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Papers for a user", description = "Hybrid by default: collaborative and content candidates "
            + "from the user's history, blended, re-ranked for freshness and diversity, backfilled from trending. "
            + "Never returns papers the user read, upvoted or dismissed, nor withdrawn ones. Each item says why. "
            + "Pages are stable for a model version.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RecommendationView.Page.class)))
    public byte[] recommend(
            @PathParam("userId") String userId,
            @Parameter(description = "1-100 (default 10)") @QueryParam("limit") String limit,
            @Parameter(description = "0-1000 (default 0)") @QueryParam("offset") String offset,
            @Parameter(description = "hybrid (default), content, collaborative or trending") @QueryParam("strategy") String strategy,
            @Parameter(description = "only papers published on or after this date (YYYY-MM-DD), or within this ISO "
                    + "duration back from today, UTC (P0D: today; P1D: yesterday and today; P7D: the last week)") @QueryParam("since") String since,
            @Parameter(description = "only papers with this tag") @QueryParam("tag") String tag) {
        int l = Paging.parse("limit", limit, 10, 1, RecommendationService.MAX_LIMIT);
        int o = Paging.parse("offset", offset, 0, 0, RecommendationService.MAX_OFFSET);
        return service.recommendJson(userId, new RecommendationService.Query(strategy, l, o, since, tag));
    }
}
