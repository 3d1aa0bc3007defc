package dev.paperrec.recommend.api;

import dev.paperrec.recommend.RecommendationService;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations")
public class ListRecommendationResource {

    private final RecommendationService service;

    ListRecommendationResource(RecommendationService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Papers like a list of papers", description = "For no stored reader: positive papers count "
            + "as upvotes and negative ones as dismissals, so the answer is what a reader with only those events "
            + "would get. Ids are catalogue ids, arXiv:<id> or doi:<doi>, at most 500 together; ids the catalogue "
            + "does not hold are listed in unknownIds. Needs the read role.")
    public RecommendationView.FromLists recommend(@NotNull(message = "a JSON body is required")
                                                  RecommendationService.ListQuery query) {
        return service.fromLists(query);
    }
}
