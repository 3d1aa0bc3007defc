package dev.paperrec.common.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.common.error.ApiException;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a bulk body one record at a time, so that a 100 MB import never sits in memory whole. A record that
 * cannot be read is reported with its line (JSON Lines, CSV) or element position (JSON array) and skipped; a
 * body whose framing is broken ends with one rejection naming where reading stopped.
 */
public final class BulkReader {

    /** Receives each record in order. */
    public interface Sink {
        void accept(long line, JsonNode record);

        void reject(long line, String error);
    }

    private BulkReader() {
    }

    /** Opens a line reader that refuses malformed UTF-8 instead of silently replacing it. */
    public static BufferedReader utf8Lines(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
    }

    /**
     * JSON Lines: one object per line; blank lines are ignored. A line longer than {@code maxLineLength} characters
     * ends the request with 413 naming it.
     */
    public static void readJsonLines(InputStream in, int maxLineLength, ObjectMapper mapper, Sink sink) {
        long line = 0;
        try (BufferedReader reader = utf8Lines(in)) {
            BoundedLines lines = new BoundedLines(reader, maxLineLength);
            String text;
            while ((text = lines.next()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = mapper.readTree(text);
                    if (node == null || !node.isObject()) {
                        sink.reject(line, "expected a JSON object");
                    } else {
                        sink.accept(line, node);
                    }
                } catch (JsonProcessingException e) {
                    // Syntax errors, and content after the object on the same line.
                    sink.reject(line, "malformed JSON: " + e.getOriginalMessage());
                }
            }
        } catch (CharacterCodingException e) {
            sink.reject(line + 1, "not valid UTF-8; the rest of the body was not read");
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** A JSON array of objects, or a single object (reported as element 1); returns true for the latter. */
    public static boolean readJson(InputStream in, ObjectMapper mapper, Sink sink) {
        long element = 0;
        boolean inArray = false;
        try (JsonParser parser = mapper.getFactory().createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                sink.accept(1, readElement(mapper, parser));
                if (parser.nextToken() != null) {
                    throw ApiException.badRequest("Unexpected content after the JSON object");
                }
                return true;
            }
            if (first != JsonToken.START_ARRAY) {
                throw ApiException.badRequest("Expected a JSON object or an array of objects");
            }
            inArray = true;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                element++;
                if (token == null) {
                    sink.reject(element, "the JSON array is not closed");
                    return false;
                }
                JsonNode node = readElement(mapper, parser);
                if (node == null || !node.isObject()) {
                    sink.reject(element, "expected a JSON object");
                } else {
                    sink.accept(element, node);
                }
            }
            return false;
        } catch (JsonParseException e) {
            String where = "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage();
            if (!inArray) {
                throw ApiException.badRequest(where);
            }
            sink.reject(Math.max(element, 1), where + "; the rest of the body was not read");
        } catch (CharacterCodingException e) {
            sink.reject(Math.max(element, 1), "not valid UTF-8; the rest of the body was not read");
        } catch (IOException e) {
            throw unreadable(e);
        }
        return false;
    }

    /** Reads the value at the parser; what follows it is the rest of the stream, not content after the body. */
    private static JsonNode readElement(ObjectMapper mapper, JsonParser parser) throws IOException {
        return mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(parser);
    }

    /** Wraps a request body so that reading past {@code limit} bytes fails with 413. */
    public static InputStream limited(InputStream in, long limit) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(long n) throws BodyTooLargeException {
                count += n;
                if (count > limit) {
                    throw new BodyTooLargeException(limit);
                }
            }
        };
    }

    static RuntimeException unreadable(IOException e) {
        if (e instanceof BodyTooLargeException tooLarge) {
            return ApiException.payloadTooLarge(tooLarge.limit);
        }
        if (e instanceof BoundedLines.LineTooLongException tooLong) {
            return new ApiException(413, "Payload Too Large", "Line " + tooLong.line() + " is longer than "
                    + tooLong.limit() + " characters (paperrec.ingest.max-line-length); reading stopped there. "
                    + "Chunks committed before it are kept: resend from that line once it is fixed");
        }
        return ApiException.badRequest("The request body could not be read: " + e.getMessage());
    }

    /** Raised inside the stream so that every reader stops at the limit. */
    public static final class BodyTooLargeException extends IOException {
        private final long limit;

        BodyTooLargeException(long limit) {
            super("body exceeds " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }
}
