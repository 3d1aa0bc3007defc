package dev.paperrec.digest.link;

import dev.paperrec.common.error.ApiException;
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

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Optional;

/** A paper link of a sent digest: records that the reader opened it, then sends them to the paper. */
@Path("/r/{token}")
@Tag(name = "Digests")
public class ClickResource {

    private final DigestLinks links;
    private final ClickService clicks;
    private final PaperService papers;

    ClickResource(DigestLinks links, ClickService clicks, PaperService papers) {
        this.links = links;
        this.clicks = clicks;
        this.papers = papers;
    }

    @GET
    @Blocking
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Follow a digest link", description = "Answers 302 to the paper and counts at most one "
            + "read per link, not in the first minute after sending nor in a burst across the digest's links (a mail "
            + "scanner); 400 for a forged token, 410 for an expired one, a withdrawn paper or an erased reader.")
    public Response follow(@PathParam("token") String token) {
        LinkTokens.Click click;
        try {
            click = links.tokens().verifyClick(token, Instant.now());
        } catch (LinkTokens.InvalidToken e) {
            return LinkPages.invalid(e);
        }
        Instant now = Instant.now();
        Optional<PaperView> paper = live(click.paperId());
        if (paper.isEmpty()) {
            return LinkPages.page(410, "This paper is no longer available",
                    "It has been withdrawn from the catalogue since the digest was sent.");
        }
        if (!clicks.click(click, now)) {
            return LinkPages.page(410, "This link is no longer valid",
                    "The subscription this digest was sent for has been removed.");
        }
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
}
