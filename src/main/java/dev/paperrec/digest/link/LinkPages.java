package dev.paperrec.digest.link;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The small HTML pages readers see when they follow a digest link in a browser. */
final class LinkPages {

    private LinkPages() {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(String title, String message, String action, String button);
    }

    static Response page(int status, String title, String message) {
        return form(status, title, message, null, null);
    }

    static Response form(int status, String title, String message, String action, String button) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .entity(Templates.page(title, message, action, button).render()).build();
    }

    /** 400 for a forged or damaged link, 410 for one that has expired; neither redirects anywhere. */
    static Response invalid(LinkTokens.InvalidToken e) {
        if (e.expired()) {
            return page(410, "This link has expired",
                    "Links in a digest work for a limited time. Open a more recent digest, or manage your "
                            + "subscription in the app.");
        }
        return page(400, "This link is not valid",
                "The link is incomplete or has been changed. Copy the whole link from the email and try again.");
    }
}
