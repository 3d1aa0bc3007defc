package dev.paperrec.digest.link;

import dev.paperrec.common.api.PaperLinks;
import dev.paperrec.digest.DigestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;

/** The absolute URLs a digest carries, signed with the configured secret. */
@ApplicationScoped
public class DigestLinks {

    private final LinkTokens tokens;
    private final String base;
    private final String paperPath;

    DigestLinks(DigestConfig config,
                @ConfigProperty(name = "paperrec.console.enabled", defaultValue = "false") boolean console) {
        this.tokens = new LinkTokens(config.tokenSecret(), config.linkValidity());
        this.base = config.publicBaseUrl().replaceAll("/+$", "");
        this.paperPath = console ? "/papers/" : "/api/v1/papers/";
    }

    LinkTokens tokens() {
        return tokens;
    }

    public String unsubscribe(String userId, Instant now) {
        return base + "/unsubscribe?token=" + tokens.unsubscribe(userId, now);
    }

    /** The double opt-in link sent to a new address: {@code POST} confirms the subscription. */
    public String confirm(String userId, String email, Instant now) {
        return base + "/confirm?token=" + tokens.confirm(userId, email, now);
    }

    /** The tracked link to a paper of a sent digest: {@code GET} records a read, then redirects to the paper. */
    public String click(String userId, String paperId, long digestId, Instant now) {
        return base + "/r/" + tokens.click(userId, paperId, digestId, now);
    }

    /** The catalogue's page of a paper (the console's readable one when it is served), for papers without a URL. */
    public String paper(String paperId) {
        return base + paperPath + PaperLinks.segment(paperId);
    }
}
