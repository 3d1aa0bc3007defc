package dev.paperrec.user;

import java.time.Instant;
import java.util.Map;

/** Everything stored about one user (GDPR art. 15 and 20), one section per feature. */
public record UserExport(String userId, Instant exportedAt, Map<String, Object> data) {
}
