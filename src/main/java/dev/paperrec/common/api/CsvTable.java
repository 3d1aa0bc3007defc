package dev.paperrec.common.api;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.paperrec.common.error.ApiException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a CSV body whose header names its columns (in any order, a leading BOM tolerated). Each line is parsed on
 * its own so that one broken line is rejected with its number without losing the rest.
 */
public final class CsvTable {

    /** Receives each line's cells, or the reason a line could not be read. */
    public interface Sink {
        /** {@code cells} holds one value per known column, in the order they were declared; null when absent or empty. */
        void accept(long line, String[] cells);

        void reject(long line, String error);
    }

    private static final ObjectReader LINE = new CsvMapper().readerFor(String[].class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY);

    private CsvTable() {
    }

    /**
     * Reads {@code body}; the header may name only {@code known} columns and must name every {@code required}
     * one, or the request fails with 400. A line longer than {@code maxLineLength} characters ends the request with
     * 413 naming it.
     */
    public static void read(InputStream body, int maxLineLength, List<String> known, List<String> required,
                            Sink sink) {
        long line = 0;
        try (BufferedReader lines = BulkReader.utf8Lines(body)) {
            BoundedLines reader = new BoundedLines(lines, maxLineLength);
            String header = reader.next();
            line++;
            if (header == null) {
                throw ApiException.badRequest("The CSV body is empty; expected the header " + String.join(",", required));
            }
            int[] column = columns(header.replace("\uFEFF", ""), known, required);
            String text;
            while ((text = reader.next()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String[] cells = split(text);
                if (cells == null) {
                    sink.reject(line, "malformed CSV line");
                    continue;
                }
                String[] values = new String[column.length];
                for (int i = 0; i < column.length; i++) {
                    values[i] = cell(cells, column[i]);
                }
                sink.accept(line, values);
            }
        } catch (CharacterCodingException e) {
            sink.reject(line + 1, "not valid UTF-8; the rest of the body was not read");
        } catch (IOException e) {
            throw BulkReader.unreadable(e);
        }
    }

    /** Position of each known column in a line (-1 when the header lacks it). */
    private static int[] columns(String header, List<String> known, List<String> required) {
        String[] names = split(header);
        if (names == null) {
            throw ApiException.badRequest("The CSV header is malformed");
        }
        int[] position = new int[known.size()];
        Arrays.fill(position, -1);
        for (int i = 0; i < names.length; i++) {
            String name = names[i].trim().toLowerCase(Locale.ROOT);
            int index = known.indexOf(name);
            if (index < 0) {
                throw ApiException.badRequest("Unknown CSV column '" + name + "'; expected " + String.join(",", known));
            }
            position[index] = i;
        }
        for (String column : required) {
            if (position[known.indexOf(column)] < 0) {
                throw ApiException.badRequest("The CSV header lacks the column '" + column + "'");
            }
        }
        return position;
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
