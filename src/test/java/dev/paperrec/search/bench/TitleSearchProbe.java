package dev.paperrec.search.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.search.IndexedPaper;
import dev.paperrec.search.PaperIndex;
import dev.paperrec.search.SearchHit;
import dev.paperrec.search.SearchPage;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches every paper's exact title over a whole catalogue (CiteULike-a: titles and tags) and reports the top-1
 * hit rate and the latency of a search as the endpoint runs it (parse, rank, 20 hits with highlights). A paper
 * whose title another paper shares word for word counts as a hit when any of them comes first. Run by hand
 * (docs/benchmarks.md): {@code ./mvnw -q -B -Pbench test-compile exec:java
 * -Dbench.main=dev.paperrec.search.bench.TitleSearchProbe -Dexec.args=../shared/datasets/citeulike-a}.
 */
public final class TitleSearchProbe {

    private static final int WARM_UP_ROUNDS = 1;

    private TitleSearchProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/datasets/citeulike-a");
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> tags = new HashMap<>();
        for (JsonNode line : lines(dir.resolve("paper-tags.jsonl"), json)) {
            List<String> values = new ArrayList<>();
            line.path("tags").forEach(t -> values.add(t.asText()));
            tags.put(line.get("id").asText(), values);
        }
        Map<String, String> titles = new LinkedHashMap<>();
        for (JsonNode line : lines(dir.resolve("papers.jsonl"), json)) {
            titles.put(line.get("id").asText(), line.path("title").asText(""));
        }
        Map<String, List<String>> sameTitle = new HashMap<>();
        titles.forEach((id, title) -> sameTitle.computeIfAbsent(normal(title), t -> new ArrayList<>()).add(id));

        try (PaperIndex index = new PaperIndex()) {
            long started = System.nanoTime();
            List<IndexedPaper> papers = new ArrayList<>();
            titles.forEach((id, title) -> papers.add(new IndexedPaper(id, title, "", List.of(), null,
                    tags.getOrDefault(id, List.of()), null, Instant.EPOCH)));
            index.apply(papers, List.of());
            System.out.printf("indexed %d papers in %d ms%n", index.size(), (System.nanoTime() - started) / 1_000_000);

            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                titles.values().forEach(t -> searchOrNull(index, t));
            }
            long[] nanos = new long[titles.size()];
            int hits = 0;
            int refused = 0;
            int n = 0;
            List<String> misses = new ArrayList<>();
            for (Map.Entry<String, String> paper : titles.entrySet()) {
                long t0 = System.nanoTime();
                SearchPage page = searchOrNull(index, paper.getValue());
                nanos[n++] = System.nanoTime() - t0;
                if (page == null) {
                    refused++;
                    continue;
                }
                String first = page.items().isEmpty() ? null : page.items().get(0).id();
                if (sameTitle.get(normal(paper.getValue())).contains(first)) {
                    hits++;
                } else if (misses.size() < 10) {
                    misses.add(paper.getKey() + " '" + paper.getValue() + "' -> "
                            + page.items().stream().limit(1).map(SearchHit::title).toList());
                }
            }
            Arrays.sort(nanos);
            System.out.printf("queries %d, top-1 hits %d (%.4f), refused %d%n", n, hits, hits / (double) n, refused);
            System.out.printf("latency ms: p50 %.2f, p95 %.2f, p99 %.2f, max %.2f%n", nanos[n / 2] / 1e6,
                    nanos[(int) (n * 0.95)] / 1e6, nanos[(int) (n * 0.99)] / 1e6, nanos[n - 1] / 1e6);
            misses.forEach(m -> System.out.println("miss: " + m));
        }
    }

    private static SearchPage searchOrNull(PaperIndex index, String q) {
        try {
            return index.search(index.parse(q), PaperIndex.Filter.NONE, 20, 0);
        } catch (IllegalArgumentException refused) {
            return null;
        }
    }

    private static String normal(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    private static List<JsonNode> lines(Path file, ObjectMapper json) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    nodes.add(json.readTree(line));
                }
            }
        }
        return nodes;
    }
}
