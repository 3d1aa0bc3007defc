package dev.paperrec.common.security;

import java.util.Locale;

/** What an API key may do. */
public enum Role {
    /** Write papers and events, manage subscriptions. */
    INGEST,
    /** Read recommendations, similar papers, trending, histories and digest previews. */
    READ,
    /** Admin endpoints, user export and erasure. */
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + value + "'; expected ingest, read or admin");
        }
    }
}
