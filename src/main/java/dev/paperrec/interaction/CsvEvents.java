package dev.paperrec.interaction;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.paperrec.common.api.BulkReader;
import dev.paperrec.common.error.ApiException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
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
    private static final ObjectReader LINE = new CsvMapper().readerFor(String[].class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY);

    private CsvEvents() {
    }

    static void read(InputStream body, Sink sink) {
        long line = 0;
        try (BufferedReader reader = BulkReader.utf8Lines(body)) {
            String header = reader.readLine();
            line++;
            if (header == null) {
                throw ApiException.badRequest("The CSV body is empty; expected the header user_id,paper_id,type");
            }
            int[] column = columns(header.replace("\uFEFF", ""));
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String[] cells = split(text);
                if (cells == null) {
                    sink.reject(line, "malformed CSV line");
                    continue;
                }
                String problem = row(cells, column, line, sink);
                if (problem != null) {
                    sink.reject(line, problem);
                }
            }
        } catch (CharacterCodingException e) {
            sink.reject(line + 1, "not valid UTF-8; the rest of the body was not read");
        } catch (BulkReader.BodyTooLargeException e) {
            throw ApiException.payloadTooLarge(e.limit());
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read: " + e.getMessage());
        }
    }

    /** Column positions of user_id, paper_id, type, occurred_at, event_id (-1 when absent). */
    private static int[] columns(String header) {
        String[] names = split(header);
        if (names == null) {
            throw ApiException.badRequest("The CSV header is malformed");
        }
        int[] position = new int[KNOWN.size()];
        Arrays.fill(position, -1);
        for (int i = 0; i < names.length; i++) {
            String name = names[i].trim().toLowerCase(Locale.ROOT);
            int known = KNOWN.indexOf(name);
            if (known < 0) {
                throw ApiException.badRequest("Unknown CSV column '" + name + "'; expected " + String.join(",", KNOWN));
            }
            position[known] = i;
        }
        for (String required : REQUIRED) {
            if (position[KNOWN.indexOf(required)] < 0) {
                throw ApiException.badRequest("The CSV header lacks the column '" + required + "'");
            }
        }
        return position;
    }

    private static String row(String[] cells, int[] column, long line, Sink sink) {
        String type = cell(cells, column[2]);
        EventType parsed = type == null ? null : EventType.parse(type.trim().toLowerCase(Locale.ROOT)).orElse(null);
        if (type != null && parsed == null) {
            return "type: unknown event type '" + type + "'; expected one of read, upvote, unupvote, dismiss";
        }
        Instant occurredAt = null;
        String when = cell(cells, column[3]);
        if (when != null) {
            try {
                occurredAt = Instant.parse(when.trim());
            } catch (DateTimeParseException e) {
                return "occurred_at: '" + when + "' is not an ISO-8601 instant such as 2024-05-01T12:00:00Z";
            }
        }
        sink.accept(line, new EventInput(cell(cells, column[0]), cell(cells, column[1]), parsed, occurredAt,
                cell(cells, column[4])));
        return null;
    }

    private static String cell(String[] cells, int position) {
        if (position < 0 || position >= cells.length) {
            return null;
        }
        String value = cells[position];
        return value == null || value.isEmpty() ? null : value;
    }

    private static String[] split(String text) {
        if (text.indexOf('"') < 0) {
            return text.split(",", -1);
        }
        try {
            return LINE.readValue(text);
        } catch (IOException e) {
            return null;
        }
    }
}
