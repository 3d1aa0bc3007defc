package dev.paperrec.digest.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.common.api.Ids;
import dev.paperrec.common.error.ApiException;
import dev.paperrec.interaction.EventService;
import dev.paperrec.paper.PaperService;
import dev.paperrec.paper.PaperView;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** A paper link of a sent digest: records that the reader opened it, then sends them to the paper. */
@Path("/r/{token}")
@Tag(name = "Digests")
public class ClickResource {

    private final DigestLinks links;
    private final EventService events;
    private final PaperService papers;
    private final ObjectMapper json;

    ClickResource(DigestLinks links, EventService events, PaperService papers, ObjectMapper json) {
        this.links = links;
        this.events = events;
        this.papers = papers;
        this.json = json;
    }

    @GET
    @Blocking
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Follow a digest link", description = "Records one read per link however often it is "
            + "followed and answers 302 to the paper; 400 for a forged token, 410 for an expired one or a withdrawn "
            + "paper.")
    public Response follow(@PathParam("token") String token) {
        LinkTokens.Click click;
        try {
            click = links.tokens().verifyClick(token, Instant.now());
        } catch (LinkTokens.InvalidToken e) {
            return LinkPages.invalid(e);
        }
        Optional<PaperView> paper = live(click.paperId());
        if (paper.isEmpty()) {
            return LinkPages.page(410, "This paper is no longer available",
                    "It has been withdrawn from the catalogue since the digest was sent.");
        }
        recordRead(click);
        return Response.status(Response.Status.FOUND).location(target(paper.get()))
                .header("Cache-Control", "no-store").build();
    }

    /** The paper's own URL when it is http(s), else its catalogue page: a signed link never leads elsewhere. */
    private URI target(PaperView paper) {
        if (paper.url() != null) {
            try {
                URI url = new URI(paper.url());
                if ("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme())) {
                    return url;
                }
            } catch (URISyntaxException e) {
                // falls through to the catalogue page
            }
        }
        return URI.create(links.paper(paper.id()));
    }

    private Optional<PaperView> live(String paperId) {
        try {
            return papers.find(paperId);
        } catch (ApiException e) {
            if (e.status() == 410) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** One read per link: the event id names the digest and the paper, so repeated clicks are duplicates. */
    private void recordRead(LinkTokens.Click click) {
        String eventId = "digest-click:" + click.digestId() + ":" + click.paperId();
        if (eventId.length() > Ids.MAX_LENGTH) {
            eventId = "digest-click:" + click.digestId() + ":sha256:" + sha256(click.paperId());
        }
        Map<String, String> event = Map.of("userId", click.userId(), "paperId", click.paperId(), "type", "read",
                "eventId", eventId);
        try {
            byte[] body = json.writeValueAsBytes(event);
            events.ingest(new ByteArrayInputStream(body), EventService.Format.JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings is always serialisable", e);
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
