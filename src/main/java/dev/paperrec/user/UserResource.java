package dev.paperrec.user;

import dev.paperrec.common.security.AccessGuard;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/{userId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users", description = "Data subject access and erasure")
public class UserResource {

    private final UserService service;

    UserResource(UserService service) {
        this.service = service;
    }

    @GET
    @Path("/export")
    @Operation(summary = "Export everything stored about a user", description = "GDPR art. 15 and 20.")
    public UserExport export(@PathParam("userId") String userId) {
        return service.export(userId);
    }

    @DELETE
    @Operation(summary = "Erase everything about a user", description = "GDPR art. 17; audited without the user id.")
    public ErasureReport erase(@PathParam("userId") String userId, RoutingContext request) {
        String caller = request.get(AccessGuard.CALLER);
        return service.erase(userId, caller == null ? "unknown" : caller);
    }
}
