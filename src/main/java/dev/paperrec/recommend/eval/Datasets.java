package dev.paperrec.recommend.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.common.api.ReferenceIds;
import dev.paperrec.interaction.EventType;
import dev.paperrec.recommend.model.InteractionRecord;
import dev.paperrec.recommend.model.PaperRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the evaluation layout (papers.jsonl, user_id,paper_id,type CSV; a further occurred_at column is read only by
 * the daily replay, {@link #timedInteractions}) and makes the random splits.
 */
final class Datasets {

    /** Time given to every event: the real data sets carry no timestamps, so none are read. */
    static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    /** Training events and, per user, the papers to find. */
    record Split(List<InteractionRecord> train, Map<String, Set<String>> test) {
    }

    private Datasets() {
    }

    static List<PaperRecord> papers(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<PaperRecord> papers = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                papers.add(new PaperRecord(n.get("id").asText(), text(n, "title"), text(n, "abstract"),
                        strings(n.get("authors")), n.hasNonNull("publishedAt")
                        ? LocalDate.parse(n.get("publishedAt").asText()) : null,
                        n.path("upvotes").asLong(0), strings(n.get("tags")), null,
                        n.hasNonNull("url") ? n.get("url").asText() : null, references(strings(n.get("references")))));
            }
        }
        return papers;
    }

    /** References in their stored form; ones the API would refuse are left out, as an import would reject them. */
    private static List<String> references(List<String> given) {
        return given.stream().map(ReferenceIds::parse).filter(ReferenceIds.Parsed::valid)
                .map(ReferenceIds.Parsed::id).distinct().toList();
    }

    /**
     * The papers with the citations of a CSV file with the header {@code paper_id,cited_paper_id} added to their
     * references; rows naming a citing paper outside the catalogue are skipped.
     */
    static List<PaperRecord> withCitations(List<PaperRecord> papers, Path file) throws IOException {
        Map<String, List<String>> cited = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals("paper_id,cited_paper_id")) {
                throw new IOException(file + ": expected the header paper_id,cited_paper_id");
            }
            String line;
            while ((line = in.readLine()) != null) {
                String[] cells = line.split(",", -1);
                if (cells.length == 2 && !cells[0].isBlank()) {
                    ReferenceIds.Parsed ref = ReferenceIds.parse(cells[1]);
                    if (ref.valid()) {
                        cited.computeIfAbsent(cells[0].strip(), k -> new ArrayList<>()).add(ref.id());
                    }
                }
            }
        }
        return papers.stream().map(p -> {
            List<String> more = cited.get(p.id());
            if (more == null) {
                return p;
            }
            List<String> all = new ArrayList<>(p.references());
            all.addAll(more);
            return p.withReferences(all.stream().distinct().toList());
        }).toList();
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : "";
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    static List<InteractionRecord> interactions(Path file) throws IOException {
        return interactions(file, false);
    }

    /** The events with the times of their {@code occurred_at} column (the third after user_id, paper_id, type). */
    static List<InteractionRecord> timedInteractions(Path file) throws IOException {
        return interactions(file, true);
    }

    private static List<InteractionRecord> interactions(Path file, boolean timed) throws IOException {
        List<InteractionRecord> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String header = in.readLine();
            if (header == null || !header.startsWith("user_id,paper_id")) {
                throw new IOException(file + ": expected header user_id,paper_id,type");
            }
            if (timed && !header.startsWith("user_id,paper_id,type,occurred_at")) {
                throw new IOException(file + ": the daily replay needs the header user_id,paper_id,type,occurred_at");
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                EventType type = f.length > 2 && !f[2].isBlank() ? EventType.fromWireName(f[2]) : EventType.UPVOTE;
                Instant at = timed ? Instant.parse(f[3].strip()) : EPOCH;
                events.add(new InteractionRecord(f[0].strip(), f[1].strip(), type, at));
            }
        }
        return events;
    }

    /** Positive papers per user (read or upvote), users in id order. */
    static Map<String, Set<String>> positives(List<InteractionRecord> events) {
        Map<String, Set<String>> byUser = new TreeMap<>();
        for (InteractionRecord e : events) {
            if (e.type() == EventType.READ || e.type() == EventType.UPVOTE) {
                byUser.computeIfAbsent(e.userId(), u -> new TreeSet<>()).add(e.paperId());
            }
        }
        return byUser;
    }

    static Split given(List<InteractionRecord> train, List<InteractionRecord> test) {
        return new Split(train, positives(test));
    }

    /** Per user, a random 20% of their papers (at least one when they have two or more) becomes test. */
    static Split warm(List<InteractionRecord> events, long seed) {
        Random random = new Random(seed);
        Map<String, Set<String>> test = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> user : positives(events).entrySet()) {
            List<String> papers = new ArrayList<>(user.getValue());
            if (papers.size() < 2) {
                continue;
            }
            Collections.shuffle(papers, random);
            int held = Math.max(1, (int) Math.round(papers.size() * 0.2));
            test.put(user.getKey(), new TreeSet<>(papers.subList(0, held)));
        }
        List<InteractionRecord> train = events.stream()
                .filter(e -> !test.getOrDefault(e.userId(), Set.of()).contains(e.paperId())).toList();
        return new Split(train, test);
    }

    /**
     * Per user, the last 20% of their papers in id order (numeric ids compared as numbers) becomes test. Mimics
     * fixed splits such as CiteULike's P=10, whose training part holds each user's lowest paper ids.
     */
    static Split ordered(List<InteractionRecord> events) {
        return ordered(events, 0);
    }

    /**
     * With {@code keep} > 0, each user keeps only their {@code keep} lowest paper ids and the rest becomes test: the
     * P=10 construction repeated inside a P=10 training part (P=5 within P=10), so that, as in the outer test,
     * the held-out papers are newer than most of the training pool, not only newer than the user's own papers.
     */
    static Split ordered(List<InteractionRecord> events, int keep) {
        java.util.Comparator<String> byId = (a, b) -> a.matches("\\d+") && b.matches("\\d+")
                ? new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)) : a.compareTo(b);
        Map<String, Set<String>> test = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> user : positives(events).entrySet()) {
            List<String> papers = new ArrayList<>(user.getValue());
            if (papers.size() < 2) {
                continue;
            }
            papers.sort(byId);
            int held = keep > 0 ? Math.max(1, papers.size() - keep)
                    : Math.max(1, (int) Math.round(papers.size() * 0.2));
            test.put(user.getKey(), new TreeSet<>(papers.subList(papers.size() - held, papers.size())));
        }
        List<InteractionRecord> train = events.stream()
                .filter(e -> !test.getOrDefault(e.userId(), Set.of()).contains(e.paperId())).toList();
        return new Split(train, test);
    }

    /**
     * The papers {@code events} read, in catalogue order. In the data sets here every paper is read by someone; a
     * validation carved from the training part keeps that property only on this catalogue. On the whole one, the
     * papers only the outer test reads would be relevant to nobody, ranked by content and never by collaborative
     * filtering, which would favour the latter.
     */
    static List<PaperRecord> readIn(List<PaperRecord> papers, List<InteractionRecord> events) {
        Set<String> read = new HashSet<>();
        events.forEach(e -> read.add(e.paperId()));
        return papers.stream().filter(p -> read.contains(p.id())).toList();
    }

    /**
     * New papers among read ones, as on a site that publishes every day: a random 10% of the papers lose all their
     * events (as in {@link #cold}), then each user's remaining papers are split 80/20 (as in {@link #warm}); the test
     * set holds both, and every paper is a candidate.
     */
    static Split mixed(List<InteractionRecord> events, List<PaperRecord> papers, long seed) {
        Split cold = cold(events, papers, seed);
        Split warm = warm(cold.train(), seed);
        Map<String, Set<String>> test = new TreeMap<>();
        for (Split part : List.of(cold, warm)) {
            part.test().forEach((user, held) -> test.computeIfAbsent(user, u -> new TreeSet<>()).addAll(held));
        }
        return new Split(warm.train(), test);
    }

    /** A random 10% of the papers lose all their events, which become the test set. */
    static Split cold(List<InteractionRecord> events, List<PaperRecord> papers, long seed) {
        List<String> ids = papers.stream().map(PaperRecord::id).sorted().distinct()
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        Collections.shuffle(ids, new Random(seed));
        Set<String> cold = new HashSet<>(ids.subList(0, ids.size() / 10));
        List<InteractionRecord> train = events.stream().filter(e -> !cold.contains(e.paperId())).toList();
        List<InteractionRecord> test = events.stream().filter(e -> cold.contains(e.paperId())).toList();
        return new Split(train, positives(test));
    }
}
