package dev.paperrec.common.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Change notices every replica hears: a write announces what it changed with PostgreSQL's {@code NOTIFY} in its own
 * transaction, so the notice arrives only if the write committed, and only after it did. Replicas keep what they
 * serve in memory and drop or refetch just the users and papers named (docs/scaling.md, "Change feed").
 */
public final class ChangeNotices {

    public static final String CHANNEL = "paperrec_changes";
    /** Below PostgreSQL's 8,000-byte payload limit. */
    static final int MAX_PAYLOAD_BYTES = 7_900;

    /** What changed; the first character of a payload. */
    public enum Kind {
        /** A user's events were added. */
        USER('u'),
        /** Papers were created, changed or withdrawn. */
        PAPER('p'),
        /** A user's data was erased. */
        ERASED('e');

        private final char code;

        Kind(char code) {
            this.code = code;
        }
    }

    /** One received notice. */
    public record Notice(Kind kind, List<String> ids) {
    }

    private ChangeNotices() {
    }

    /** Announces {@code ids} in the transaction {@code connection} is in; ids never contain a line break. */
    public static void publish(Connection connection, Kind kind, Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        List<String> payloads = payloads(kind, ids);
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT pg_notify('" + CHANNEL + "', p) FROM unnest(?::text[]) AS p")) {
            st.setArray(1, connection.createArrayOf("text", payloads.toArray()));
            st.execute();
        }
    }

    /** Packs ids into as few payloads as fit: the kind's letter, then one id per line. */
    static List<String> payloads(Kind kind, Collection<String> ids) {
        List<String> payloads = new ArrayList<>();
        StringBuilder b = new StringBuilder().append(kind.code);
        int bytes = 1;
        for (String id : ids) {
            int size = id.getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes + size > MAX_PAYLOAD_BYTES) {
                payloads.add(b.toString());
                b.setLength(0);
                b.append(kind.code);
                bytes = 1;
            }
            b.append('\n').append(id);
            bytes += size;
        }
        payloads.add(b.toString());
        return payloads;
    }

    /** Reads a payload written by {@link #publish}; empty for anything else on the channel. */
    public static Optional<Notice> parse(String payload) {
        if (payload == null || payload.isEmpty()) {
            return Optional.empty();
        }
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.code == payload.charAt(0)) {
                kind = k;
            }
        }
        if (kind == null) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        int start = payload.indexOf('\n');
        while (start >= 0) {
            int end = payload.indexOf('\n', start + 1);
            String id = payload.substring(start + 1, end < 0 ? payload.length() : end);
            if (!id.isEmpty()) {
                ids.add(id);
            }
            start = end;
        }
        return Optional.of(new Notice(kind, ids));
    }
}
