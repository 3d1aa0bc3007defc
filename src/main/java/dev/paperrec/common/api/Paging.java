package dev.paperrec.common.api;

import dev.paperrec.common.error.ApiException;

/** Validated {@code limit}/{@code offset} query parameters; parsed here so a bad value is a 400, not a 404. */
public record Paging(int limit, int offset) {

    /** Deepest offset a client may page to; deeper pages are a scan the service will not do for anyone. */
    public static final int MAX_OFFSET = 100_000;

    public static Paging of(String limit, String offset, int defaultLimit, int maxLimit) {
        int l = parse("limit", limit, defaultLimit, 1, maxLimit);
        int o = parse("offset", offset, 0, 0, MAX_OFFSET);
        return new Paging(l, o);
    }

    public static int parse(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                throw ApiException.invalid(name, "must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be an integer between " + min + " and " + max);
        }
    }
}
