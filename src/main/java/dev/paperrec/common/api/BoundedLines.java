package dev.paperrec.common.api;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines (ended by {@code \n}, {@code \r\n} or the end of input) of at most a fixed length, so that one line
 * without a newline cannot fill the heap: {@code BufferedReader.readLine} keeps reading until it finds one.
 */
final class BoundedLines {

    /** A line longer than the limit; reading stopped at it. */
    static final class LineTooLongException extends IOException {
        private final long line;
        private final int limit;

        LineTooLongException(long line, int limit) {
            super("line " + line + " is longer than " + limit + " characters");
            this.line = line;
            this.limit = limit;
        }

        long line() {
            return line;
        }

        int limit() {
            return limit;
        }
    }

    private final Reader in;
    private final int maxLength;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int end;
    private long lines;

    BoundedLines(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line without its ending, or null at the end of input. */
    String next() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == end) {
                end = in.read(buffer, 0, buffer.length);
                position = 0;
                if (end <= 0) {
                    end = 0;
                    if (line == null) {
                        return null;
                    }
                    lines++;
                    return strip(line);
                }
            }
            int start = position;
            while (position < end && buffer[position] != '\n') {
                position++;
            }
            if (line == null) {
                line = new StringBuilder(Math.min(position - start + 16, maxLength + 1));
            }
            if (line.length() + (position - start) > maxLength + 1) {
                throw new LineTooLongException(lines + 1, maxLength);
            }
            line.append(buffer, start, position - start);
            if (position < end) {
                position++;
                lines++;
                return strip(line);
            }
        }
    }

    private String strip(StringBuilder line) throws LineTooLongException {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            length--;
        }
        if (length > maxLength) {
            throw new LineTooLongException(lines, maxLength);
        }
        return line.substring(0, length);
    }
}
