package dev.paperrec.digest.subscription;

import dev.paperrec.common.error.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/{userId}/subscription")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Digests", description = "Email digests of recommended and trending papers")
public class SubscriptionResource {

    private final SubscriptionService service;

    SubscriptionResource(SubscriptionService service) {
        this.service = service;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe to the digest or change the subscription",
            description = "{email, frequency: daily|weekly, timezone (IANA), sendHour 0-23, weekday (weekly only, "
                    + "default MONDAY)}; 201 when created, 200 when replaced.")
    public Response subscribe(@PathParam("userId") String userId, SubscriptionInput input, UriInfo uri) {
        SubscriptionService.Upserted result = service.subscribe(userId, input);
        if (result.created()) {
            return Response.created(uri.getAbsolutePath()).entity(result.subscription()).build();
        }
        return Response.ok(result.subscription()).build();
    }

    @GET
    @Operation(summary = "The user's digest subscription", description = "404 when the user has none.")
    public SubscriptionView get(@PathParam("userId") String userId) {
        return service.find(userId).orElseThrow(() -> ApiException.notFound("Subscription of user", userId));
    }

    @DELETE
    @Operation(summary = "Unsubscribe", description = "204 whether or not there was a subscription.")
    public Response delete(@PathParam("userId") String userId) {
        service.unsubscribe(userId);
        return Response.noContent().build();
    }
}
