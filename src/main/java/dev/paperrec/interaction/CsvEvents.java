package dev.paperrec.interaction;

import dev.paperrec.common.api.CsvTable;

import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Reads events from CSV with the header {@code user_id,paper_id,type[,occurred_at,event_id]} (columns in any
 * order). Each line is parsed on its own so that one broken line is rejected without losing the rest.
 */
final class CsvEvents {

    /** Receives each parsed row, or the reason a row was refused. */
    interface Sink {
        void accept(long line, EventInput event);

        void reject(long line, String error);
    }

    private static final List<String> REQUIRED = List.of("user_id", "paper_id", "type");
    private static final List<String> KNOWN = List.of("user_id", "paper_id", "type", "occurred_at", "event_id");

    private CsvEvents() {
    }

    static void read(InputStream body, int maxLineLength, Sink sink) {
        CsvTable.read(body, maxLineLength, KNOWN, REQUIRED, new CsvTable.Sink() {
            @Override
            public void accept(long line, String[] cells) {
                String problem = row(cells, line, sink);
                if (problem != null) {
                    sink.reject(line, problem);
                }
            }

            @Override
            public void reject(long line, String error) {
                sink.reject(line, error);
            }
        });
    }

    /** {@code cells} in the order of {@link #KNOWN}. */
    private static String row(String[] cells, long line, Sink sink) {
        String type = cells[2];
        EventType parsed = type == null ? null : EventType.parse(type.trim().toLowerCase(Locale.ROOT)).orElse(null);
        if (type != null && parsed == null) {
            return "type: unknown event type '" + type + "'; expected one of read, upvote, unupvote, dismiss";
        }
        Instant occurredAt = null;
        String when = cells[3];
        if (when != null) {
            try {
                occurredAt = Instant.parse(when.trim());
            } catch (DateTimeParseException e) {
                return "occurred_at: '" + when + "' is not an ISO-8601 instant such as 2024-05-01T12:00:00Z";
            }
        }
        sink.accept(line, new EventInput(cells[0], cells[1], parsed, occurredAt, cells[4]));
        return null;
    }
}
