package dev.paperrec.digest.compose;

import dev.paperrec.common.api.Ids;
import dev.paperrec.common.error.ApiException;
import dev.paperrec.digest.link.DigestLinks;
import dev.paperrec.digest.subscription.Frequency;
import dev.paperrec.digest.subscription.Subscriber;
import dev.paperrec.digest.subscription.SubscriptionService;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

@Path("/api/v1/users/{userId}/digest")
@Tag(name = "Digests")
public class DigestResource {

    private final DigestComposer composer;
    private final SubscriptionService subscriptions;
    private final DigestLinks links;

    DigestResource(DigestComposer composer, SubscriptionService subscriptions, DigestLinks links) {
        this.composer = composer;
        this.subscriptions = subscriptions;
        this.links = links;
    }

    @GET
    @Blocking
    @Operation(summary = "Preview the user's next digest", description = "format=json (default), html or text. "
            + "Works without a subscription; links go straight to the papers and nothing is recorded.")
    public Response preview(@PathParam("userId") String userId, @QueryParam("format") String format) {
        Ids.requireUserId("userId", userId);
        String contentType = switch (format == null || format.isBlank() ? "json" : format.trim()) {
            case "json" -> MediaType.APPLICATION_JSON;
            case "html" -> DigestMail.HTML;
            case "text" -> DigestMail.TEXT;
            default -> throw ApiException.invalid("format", "must be json, html or text");
        };
        Optional<Subscriber> subscriber = subscriptions.subscriber(userId);
        Frequency frequency = subscriber.map(s -> s.schedule().frequency()).orElse(Frequency.WEEKLY);
        Digest digest = composer.compose(userId, frequency, Instant.now()).withLinks(
                e -> e.link() != null ? e.link() : links.paper(e.paperId()));
        if (contentType.equals(MediaType.APPLICATION_JSON)) {
            return Response.ok(digest, contentType).build();
        }
        ZonedDateTime day = ZonedDateTime.now(subscriber.map(s -> s.schedule().zone()).orElse(ZoneOffset.UTC));
        return Response.ok(DigestMail.preview(digest, frequency, day, contentType), contentType + ";charset=UTF-8")
                .build();
    }
}
