package dev.paperrec.digest.delivery;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/digests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class AdminDigestResource {

    private final DigestDelivery delivery;

    AdminDigestResource(DigestDelivery delivery) {
        this.delivery = delivery;
    }

    @POST
    @Path("/run")
    @Blocking
    @Operation(summary = "Run one digest round now", description = "Sends every due digest and answers once the "
            + "round is over with {due, sent, skipped, failed, alreadySent}; 503 before the first model is loaded.")
    public RoundResult run() {
        return delivery.runRound();
    }
}
