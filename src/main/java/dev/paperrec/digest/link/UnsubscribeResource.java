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
 * The unsubscribe link of every digest. GET only asks for confirmation, because mail scanners follow links;
 * POST unsubscribes, both from the page's button and as the RFC 8058 one-click POST of mail clients.
 */
@Path("/unsubscribe")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Digests")
public class UnsubscribeResource {

    private final DigestLinks links;
    private final SubscriptionService subscriptions;

    UnsubscribeResource(DigestLinks links, SubscriptionService subscriptions) {
        this.links = links;
        this.subscriptions = subscriptions;
    }

    @GET
    @Operation(summary = "Unsubscribe confirmation page", description = "400 for a forged token, 410 for an expired one.")
    public Response confirm(@QueryParam("token") String token) {
        try {
            links.tokens().verifyUnsubscribe(token, Instant.now());
        } catch (LinkTokens.InvalidToken e) {
            return LinkPages.invalid(e);
        }
        return LinkPages.form(200, "Unsubscribe from the digest?",
                "You will not get any more digest emails. You can subscribe again at any time.",
                "/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), "Unsubscribe");
    }

    // Any body is accepted and none is needed: RFC 8058 clients send "List-Unsubscribe=One-Click" as a form.
    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Unsubscribe (one-click)", description = "Deletes the subscription the token names; "
            + "400 for a forged token, 410 for an expired one.")
    public Response unsubscribe(@QueryParam("token") String token) {
        String userId;
        try {
            userId = links.tokens().verifyUnsubscribe(token, Instant.now());
        } catch (LinkTokens.InvalidToken e) {
            return LinkPages.invalid(e);
        }
        boolean removed = subscriptions.unsubscribe(userId);
        return LinkPages.page(200, "You are unsubscribed",
                removed ? "Your subscription has been deleted: no more digest emails will be sent to you."
                        : "There was no subscription any more, so no digest emails will be sent to you.");
    }
}
