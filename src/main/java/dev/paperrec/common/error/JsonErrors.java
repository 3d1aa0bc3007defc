package dev.paperrec.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.util.stream.Collectors;

/** Turns Jackson's messages into ones a client can act on: the field's path and the reason, no Java names. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** The JSON path of the offending field ({@code authors[2]}), or empty for a syntax error. */
    public static String field(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m)) {
            return "";
        }
        return m.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    public static String reason(JsonProcessingException e) {
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            return e.getCause().getMessage();
        }
        String message = e.getOriginalMessage() == null ? "unreadable JSON" : e.getOriginalMessage();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return message
                .replaceAll("`java\\.lang\\.String`", "string")
                .replaceAll("`java\\.time\\.LocalDate`", "date (YYYY-MM-DD)")
                .replaceAll("`java\\.time\\.Instant`", "instant (e.g. 2024-05-01T12:00:00Z)")
                .replaceAll("`java\\.lang\\.Long`|`long`", "integer")
                .replaceAll("`java\\.util\\.List<[^`]*>`", "array")
                .replaceAll("`[a-z]+(\\.[a-zA-Z0-9_$]+)+`", "value");
    }

    /** "field: reason", or the bare reason for a syntax error. */
    public static String describe(JsonProcessingException e) {
        String field = field(e);
        return field.isEmpty() ? "malformed JSON: " + reason(e) : field + ": " + reason(e);
    }
}
