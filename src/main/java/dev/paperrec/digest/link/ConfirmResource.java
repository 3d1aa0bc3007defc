package dev.paperrec.digest.link;

import dev.paperrec.digest.subscription.SubscriptionService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The double opt-in link sent to a new address. GET only shows a button, because mail scanners follow links; POST
 * confirms, and only for the address the link was sent to.
 */
@Path("/confirm")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Digests")
public class ConfirmResource {

    private final DigestLinks links;
    private final SubscriptionService subscriptions;

    ConfirmResource(DigestLinks links, SubscriptionService subscriptions) {
        this.links = links;
        this.subscriptions = subscriptions;
    }

    @GET
    @Operation(summary = "Subscription confirmation page", description = "400 for a forged token, 410 for an expired one.")
    public Response page(@QueryParam("token") String token) {
        LinkTokens.Confirmation confirmation;
        try {
            confirmation = links.tokens().verifyConfirm(token, Instant.now());
        } catch (LinkTokens.InvalidToken e) {
            return LinkPages.invalid(e);
        }
        return LinkPages.form(200, "Confirm your paper digest?",
                "Digests will be sent to " + confirmation.email() + ". You can unsubscribe from any of them.",
                "/confirm?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), "Confirm");
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Confirm a subscription", description = "Confirms the subscription if it is still for the "
            + "address the link was sent to; 400 for a forged token, 410 for an expired one or a changed address.")
    public Response confirm(@QueryParam("token") String token) {
        LinkTokens.Confirmation confirmation;
        try {
            confirmation = links.tokens().verifyConfirm(token, Instant.now());
        } catch (LinkTokens.InvalidToken e) {
            return LinkPages.invalid(e);
        }
        if (!subscriptions.confirm(confirmation.userId(), confirmation.email())) {
            return LinkPages.page(410, "This subscription has changed",
                    "It no longer sends to " + confirmation.email() + ", or it was cancelled. Nothing will be sent "
                            + "to this address.");
        }
        return LinkPages.page(200, "Subscription confirmed",
                "Your digests will be sent to " + confirmation.email() + ".");
    }
}
