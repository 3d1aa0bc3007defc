package dev.paperrec.recommend.api;

import dev.paperrec.common.api.Paging;
import dev.paperrec.common.error.ApiException;
import dev.paperrec.recommend.RecommendationService;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/model")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class AdminModelResource {

    private final RecommendationService service;

    AdminModelResource(RecommendationService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "The loaded model", description = "Version, sizes, build time, where the "
            + "collaborative neighbours came from (computed, or a database batch) and settings; 503 before the first "
            + "build.")
    public RecommendationService.ModelInfo model() {
        return service.model().orElseThrow(() ->
                ApiException.unavailable("The recommendation model is still being built", 10));
    }

    @POST
    @Path("/rebuild")
    @Blocking
    @Operation(summary = "Rebuild the model now", description = "With wait=N (seconds, up to 600) answers 200 with the "
            + "new model once it is loaded; otherwise 202 at once.")
    public Response rebuild(@QueryParam("wait") String wait) {
        int seconds = Paging.parse("wait", wait, 0, 0, 600);
        var info = service.rebuild(seconds);
        return Response.status(seconds > 0 ? 200 : 202).entity(info.orElse(null)).build();
    }
}
