package dev.paperrec.console.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.common.error.ApiException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The evaluator's JSON Lines output ({@code --out}, docs/evaluation.md): one line per strategy with its
 * {@code metrics}, of which the console plots {@code R@k} and {@code NDCG@k}.
 */
public record EvaluationReport(String source, List<Integer> cutoffs, List<Strategy> strategies) {

    static final int MAX_LINES = 100;
    static final int MAX_LINE_CHARS = 100_000;

    /** One strategy's recall and NDCG at each cutoff of the report (null where it has none). */
    public record Strategy(String name, long users, List<Double> recall, List<Double> ndcg) {
    }

    /** Reads a report; a line that is not one of the evaluator's is a 400 naming it. */
    static EvaluationReport read(String source, Reader text, ObjectMapper mapper) throws IOException {
        BufferedReader lines = new BufferedReader(text);
        List<JsonNode> rows = new ArrayList<>();
        TreeSet<Integer> cutoffs = new TreeSet<>();
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            if (number > MAX_LINES || line.length() > MAX_LINE_CHARS) {
                throw ApiException.invalid("report", "line " + number + ": more than " + MAX_LINES
                        + " lines or " + MAX_LINE_CHARS + " characters: not an evaluation report");
            }
            JsonNode row;
            try {
                row = mapper.readTree(line);
            } catch (IOException e) {
                throw ApiException.invalid("report", "line " + number + " is not JSON");
            }
            if (!row.path("strategy").isTextual() || !row.path("metrics").isObject()) {
                throw ApiException.invalid("report", "line " + number + " has no strategy and metrics");
            }
            for (Iterator<String> keys = row.get("metrics").fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (key.startsWith("R@") || key.startsWith("NDCG@")) {
                    try {
                        cutoffs.add(Integer.parseInt(key.substring(key.indexOf('@') + 1)));
                    } catch (NumberFormatException e) {
                        throw ApiException.invalid("report", "line " + number + ": metric " + key + " has no cutoff");
                    }
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty() || cutoffs.isEmpty()) {
            throw ApiException.invalid("report", "no line with R@k or NDCG@k metrics");
        }
        Map<String, Strategy> strategies = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            JsonNode metrics = row.get("metrics");
            List<Double> recall = new ArrayList<>();
            List<Double> ndcg = new ArrayList<>();
            for (int k : cutoffs) {
                recall.add(metrics.has("R@" + k) ? metrics.get("R@" + k).asDouble() : null);
                ndcg.add(metrics.has("NDCG@" + k) ? metrics.get("NDCG@" + k).asDouble() : null);
            }
            String name = row.get("strategy").asText();
            strategies.put(name, new Strategy(name, row.path("users").asLong(), recall, ndcg));
        }
        return new EvaluationReport(source, List.copyOf(cutoffs), List.copyOf(strategies.values()));
    }
}
