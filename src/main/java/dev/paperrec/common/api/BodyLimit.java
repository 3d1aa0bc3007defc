package dev.paperrec.common.api;

import dev.paperrec.common.error.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a body whose declared Content-Length exceeds {@code paperrec.ingest.max-body-bytes} before any of it
 * is read, with 413 problem+json. Bodies sent without a length are counted while streaming instead.
 */
@ApplicationScoped
class BodyLimit {

    private final IngestConfig config;

    BodyLimit(IngestConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(-100).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long length = parse(declared);
            if (length > config.maxBodyBytes()) {
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,"
                                + "\"detail\":\"The request body of " + length + " bytes exceeds the limit of "
                                + config.maxBodyBytes() + " bytes\"}");
                return;
            }
            ctx.next();
        });
    }

    private static long parse(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
