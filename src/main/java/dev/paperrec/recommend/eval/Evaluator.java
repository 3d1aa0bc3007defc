package dev.paperrec.recommend.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paperrec.recommend.EngineSettings;
import dev.paperrec.recommend.RecommendationRequest;
import dev.paperrec.recommend.RecommendedPaper;
import dev.paperrec.recommend.Strategy;
import dev.paperrec.recommend.content.TextEmbedder;
import dev.paperrec.recommend.hybrid.RecommendationModel;
import dev.paperrec.recommend.model.InteractionRecord;
import dev.paperrec.recommend.model.ModelBuilder;
import dev.paperrec.recommend.model.PaperRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Offline evaluation of the engine through the same model API the service calls: builds a model from training
 * events, asks {@link RecommendationModel#recommend} for every test user (history = their training events) and
 * scores the ranking against their held-out papers.
 *
 * <pre>
 * --papers F.jsonl                         catalogue
 * --train F.csv --test F.csv               a fixed split, or
 * --interactions F.csv --split warm|cold|mixed  a random split: per-user 80/20, 10% of papers made cold, or both
 * --interactions F.csv --split daily [--days N]  the daily replay (see {@link DailyReplay}) over the last N days
 *                                          with new papers (default 14); needs occurred_at and publishedAt;
 *                                          with --candidates all, ranks the whole catalogue (the default feed)
 * --seed S                                 seed of random splits (default 42)
 * --validation [ordered|ordered:N]         carve the same kind of split again from the training part and
 *                                          evaluate on it (for tuning; the test part is never read); "ordered"
 *                                          holds out each user's highest paper ids instead, like P=10;
 *                                          "ordered:N" keeps each user's N lowest ids (P=N within the training);
 *                                          these and a mixed split's validation rank only the papers the
 *                                          training part reads
 * --candidates all|cold                    rank every unseen paper, or only papers without training events
 * --cutoffs 10,20,50                       K values
 * --citations F.csv                        citations (header paper_id,cited_paper_id) added to the papers' references:
 *                                          the citation source then joins content and hybrid
 * --strategies content,collaborative,hybrid,trending   (and citation: the citation source alone)
 * --set name=value,...                     override EngineSettings components (durations as P7D)
 * --embeddings on|off                      use MiniLM embeddings (cached under target/) or text only
 * --max-users N                            evaluate a seeded sample of N test users (default: all)
 * --out F.jsonl                            one JSON line per strategy
 * </pre>
 *
 * <p>With {@code --generate} it writes a synthetic data set in the same layout instead of evaluating (see
 * {@link SyntheticData}); the same arguments give byte-identical files:
 * <pre>
 * --generate --papers N --users M --events K --seed S --out DIR
 *     writes DIR/papers.jsonl (N papers) and DIR/interactions.csv (exactly K events of at most M users,
 *     header user_id,paper_id,type,occurred_at), e.g.
 *     ./mvnw -q -B -Pevaluate compile exec:java -Dexec.args="--generate --papers 200000 --users 50000
 *     --events 1000000 --seed 42 --out target/synthetic"
 * </pre>
 */
public final class Evaluator {

    private static final int RANKING_LENGTH = 300;
    private static final int WARM_UP_CALLS = 300;

    private Evaluator() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        if (options.containsKey("generate")) {
            generate(options, seed);
            return;
        }
        if (options.getOrDefault("split", "given").equals("daily")) {
            replay(options, catalogue(options));
            return;
        }
        Setup setup = setup(options, seed);
        List<PaperRecord> papers = setup.papers();
        Datasets.Split split = setup.split();
        EngineSettings settings = setup.settings();
        boolean coldOnly = "cold".equals(options.getOrDefault("candidates", "all"));
        int[] cutoffs = Arrays.stream(options.getOrDefault("cutoffs", "10,20,50,100,300").split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<Strategy> strategies = Arrays.stream(options.getOrDefault("strategies",
                "content,collaborative,hybrid,trending").split(","))
                .map(s -> Strategy.valueOf(s.strip().toUpperCase(Locale.ROOT))).toList();

        int maxUsers = Integer.parseInt(options.getOrDefault("max-users", "0"));
        List<ObjectNode> results = run(papers, split, settings, coldOnly, cutoffs, strategies, maxUsers, seed);
        printTable(results, cutoffs);
        if (options.containsKey("out")) {
            Path out = Path.of(options.get("out"));
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
                for (ObjectNode r : results) {
                    w.println(r.toString());
                }
            }
        }
    }

    /** The catalogue, split and settings the options ask for (validation carved when asked), before any ranking. */
    record Setup(List<PaperRecord> papers, Datasets.Split split, EngineSettings settings) {
    }

    static Setup setup(Map<String, String> options, long seed) throws IOException {
        List<PaperRecord> papers = catalogue(options);
        Datasets.Split split;
        String kind = options.getOrDefault("split", "given");
        if (options.containsKey("interactions")) {
            List<InteractionRecord> all = Datasets.interactions(Path.of(options.get("interactions")));
            split = switch (kind) {
                case "warm" -> Datasets.warm(all, seed);
                case "cold" -> Datasets.cold(all, papers, seed);
                case "mixed" -> Datasets.mixed(all, papers, seed);
                default -> throw new IllegalArgumentException("--split warm|cold|mixed needed with --interactions");
            };
        } else {
            split = Datasets.given(Datasets.interactions(Path.of(required(options, "train"))),
                    Datasets.interactions(Path.of(required(options, "test"))));
        }
        if (options.containsKey("validation")) {
            if (options.get("validation").startsWith("ordered") || kind.equals("mixed")) {
                papers = Datasets.readIn(papers, split.train());
            }
            if (options.get("validation").startsWith("ordered:")) {
                split = Datasets.ordered(split.train(),
                        Integer.parseInt(options.get("validation").substring("ordered:".length())));
            } else if (options.get("validation").equals("ordered")) {
                split = Datasets.ordered(split.train());
            } else if (kind.equals("mixed")) {
                split = Datasets.mixed(split.train(), papers, seed + 1);
            } else if (kind.equals("cold")) {
                Set<String> outerTest = new HashSet<>();
                split.test().values().forEach(outerTest::addAll);
                papers = papers.stream().filter(p -> !outerTest.contains(p.id())).toList();
                split = Datasets.cold(split.train(), papers, seed + 1);
            } else {
                split = Datasets.warm(split.train(), seed + 1);
            }
        }
        EngineSettings settings = EngineSettings.defaults().with(settingsOverrides(options.getOrDefault("set", "")));
        if (!"off".equals(options.getOrDefault("embeddings", "on"))) {
            papers = withEmbeddings(papers, Path.of(options.getOrDefault("cache", "target/embedding-cache.bin")));
        }
        return new Setup(papers, split, settings);
    }

    private static List<PaperRecord> catalogue(Map<String, String> options) throws IOException {
        List<PaperRecord> papers = Datasets.papers(Path.of(required(options, "papers")));
        return options.containsKey("citations")
                ? Datasets.withCitations(papers, Path.of(options.get("citations"))) : papers;
    }

    private static void replay(Map<String, String> options, List<PaperRecord> papers) throws IOException {
        List<InteractionRecord> events = Datasets.timedInteractions(Path.of(required(options, "interactions")));
        EngineSettings settings = EngineSettings.defaults().with(settingsOverrides(options.getOrDefault("set", "")));
        if (!"off".equals(options.getOrDefault("embeddings", "on"))) {
            papers = withEmbeddings(papers, Path.of(options.getOrDefault("cache", "target/embedding-cache.bin")));
        }
        int[] cutoffs = Arrays.stream(options.getOrDefault("cutoffs", "10,20").split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<Strategy> strategies = Arrays.stream(options.getOrDefault("strategies", "content,hybrid").split(","))
                .map(s -> Strategy.valueOf(s.strip().toUpperCase(Locale.ROOT))).toList();
        List<ObjectNode> results = DailyReplay.run(papers, events, settings,
                Integer.parseInt(options.getOrDefault("days", "14")), cutoffs, strategies,
                "all".equals(options.get("candidates")));
        for (ObjectNode r : results) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s %6d", r.get("strategy").asText(),
                    r.get("users").asInt()));
            r.get("metrics").fields().forEachRemaining(e -> row.append(String.format(Locale.ROOT, " %s %.4f",
                    e.getKey(), e.getValue().asDouble())));
            System.out.println(row);
        }
        if (options.containsKey("out")) {
            Path out = Path.of(options.get("out"));
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.write(out, results.stream().map(ObjectNode::toString).toList());
        }
    }

    private static void generate(Map<String, String> options, long seed) throws IOException {
        SyntheticData.Spec spec = new SyntheticData.Spec(Integer.parseInt(required(options, "papers")),
                Integer.parseInt(required(options, "users")), Long.parseLong(required(options, "events")), seed);
        Path dir = Path.of(required(options, "out"));
        long started = System.nanoTime();
        SyntheticData.Summary summary = SyntheticData.write(spec, dir);
        System.out.printf("Wrote %d papers in %d topics and %d events of %d users to %s in %.1f s%n", spec.papers(),
                summary.topics(), spec.events(), summary.activeUsers(), dir, (System.nanoTime() - started) / 1e9);
    }

    private static List<ObjectNode> run(List<PaperRecord> papers, Datasets.Split split, EngineSettings settings,
                                        boolean coldOnly, int[] cutoffs, List<Strategy> strategies,
                                        int maxUsers, long seed) {
        Runtime runtime = Runtime.getRuntime();
        // CPU time of the whole process tells the build's cost apart from waiting for a busy machine.
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStarted = os.getProcessCpuTime();
        long started = System.nanoTime();
        RecommendationModel model = ModelBuilder.build(papers, split.train(), settings, Datasets.EPOCH);
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        double buildCpuSeconds = (os.getProcessCpuTime() - cpuStarted) / 1e9;
        System.gc();
        long heapMb = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
        System.out.printf("Model %s built in %.2f s (%.2f s of CPU), heap in use %d MB: %s%n", model.version(),
                buildSeconds, buildCpuSeconds, heapMb, model.stats());

        Map<String, List<InteractionRecord>> history = new HashMap<>();
        Set<String> trained = new HashSet<>();
        for (InteractionRecord e : split.train()) {
            history.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e);
            trained.add(e.paperId());
        }
        Set<String> catalogue = new HashSet<>();
        papers.forEach(p -> catalogue.add(p.id()));
        Set<String> candidates = new HashSet<>(catalogue);
        Set<String> excludes = Set.of();
        if (coldOnly) {
            candidates.removeAll(trained);
            Set<String> warm = new HashSet<>(catalogue);
            warm.removeAll(candidates);
            excludes = warm;
        }
        Map<String, Set<String>> test = heldOut(split, candidates, maxUsers, seed);
        // How much of what is to be found nobody read in training: collaborative filtering cannot rank those papers.
        long unread = catalogue.stream().filter(id -> !trained.contains(id)).count();
        long heldOut = 0;
        long heldOutUnread = 0;
        for (Set<String> relevant : test.values()) {
            heldOut += relevant.size();
            heldOutUnread += relevant.stream().filter(id -> !trained.contains(id)).count();
        }
        System.out.printf("Catalogue: %d papers, %d (%.1f %%) without a training reader; held out: %d user-paper "
                        + "pairs, %d (%.1f %%) on those papers%n", catalogue.size(), unread,
                100.0 * unread / Math.max(1, catalogue.size()), heldOut, heldOutUnread,
                100.0 * heldOutUnread / Math.max(1, heldOut));
        int length = Math.max(RANKING_LENGTH, Arrays.stream(cutoffs).max().orElse(0));
        ObjectMapper json = new ObjectMapper();
        List<ObjectNode> results = new ArrayList<>();
        for (Strategy strategy : strategies) {
            RankingMetrics metrics = new RankingMetrics(cutoffs, candidates.size());
            // The same rankings scored on the held-out papers nobody read in training ("new"), and on the rest.
            RankingMetrics newMetrics = new RankingMetrics(cutoffs, candidates.size());
            RankingMetrics readMetrics = new RankingMetrics(cutoffs, candidates.size());
            List<String> users = new ArrayList<>(test.keySet());
            for (int i = 0; i < Math.min(WARM_UP_CALLS, users.size()); i++) {
                model.recommend(request(users.get(i), history, strategy, length, excludes));
            }
            long[] nanos = new long[users.size()];
            for (int i = 0; i < users.size(); i++) {
                String user = users.get(i);
                RecommendationRequest request = request(user, history, strategy, length, excludes);
                long t = System.nanoTime();
                List<RecommendedPaper> ranking = model.recommend(request);
                nanos[i] = System.nanoTime() - t;
                List<String> ids = ranking.stream().map(RecommendedPaper::paperId).toList();
                metrics.add(ids, test.get(user));
                Set<String> unreadHeldOut = new HashSet<>();
                Set<String> readHeldOut = new HashSet<>();
                test.get(user).forEach(id -> (trained.contains(id) ? readHeldOut : unreadHeldOut).add(id));
                if (!unreadHeldOut.isEmpty()) {
                    newMetrics.add(ids, unreadHeldOut);
                }
                if (!readHeldOut.isEmpty()) {
                    readMetrics.add(ids, readHeldOut);
                }
            }
            Arrays.sort(nanos);
            ObjectNode r = json.createObjectNode();
            r.put("strategy", strategy.name().toLowerCase(Locale.ROOT));
            r.put("users", metrics.users());
            ObjectNode m = r.putObject("metrics");
            metrics.values().forEach((k, v) -> m.put(k, round(v)));
            part(r.putObject("new"), newMetrics);
            part(r.putObject("read"), readMetrics);
            r.put("buildSeconds", round(buildSeconds));
            r.put("buildCpuSeconds", round(buildCpuSeconds));
            ObjectNode latency = r.putObject("latencyMs");
            latency.put("p50", round(percentile(nanos, 0.50) / 1e6));
            latency.put("p99", round(percentile(nanos, 0.99) / 1e6));
            r.put("heapAfterBuildMB", heapMb);
            results.add(r);
        }
        return results;
    }

    /**
     * Each test user's held-out papers among the candidates and outside their training papers, users with none
     * left out; with {@code maxUsers > 0}, a seeded sample of that many users.
     */
    static Map<String, Set<String>> heldOut(Datasets.Split split, Set<String> candidates, int maxUsers, long seed) {
        Map<String, Set<String>> seen = new HashMap<>();
        for (InteractionRecord e : split.train()) {
            seen.computeIfAbsent(e.userId(), u -> new HashSet<>()).add(e.paperId());
        }
        Map<String, Set<String>> test = new TreeMap<>();
        for (Map.Entry<String, Set<String>> e : split.test().entrySet()) {
            Set<String> relevant = new HashSet<>(e.getValue());
            relevant.retainAll(candidates);
            relevant.removeAll(seen.getOrDefault(e.getKey(), Set.of()));
            if (!relevant.isEmpty()) {
                test.put(e.getKey(), relevant);
            }
        }
        if (maxUsers > 0 && test.size() > maxUsers) {
            // A seeded sample keeps runs on large synthetic sets short and repeatable.
            List<String> sample = new ArrayList<>(test.keySet());
            java.util.Collections.shuffle(sample, new java.util.Random(seed));
            test.keySet().retainAll(new HashSet<>(sample.subList(0, maxUsers)));
        }
        return test;
    }

    /** Recall and NDCG of one part of the held-out pairs, and how many users had any. */
    private static void part(ObjectNode node, RankingMetrics metrics) {
        node.put("users", metrics.users());
        ObjectNode m = node.putObject("metrics");
        metrics.values().forEach((k, v) -> {
            if (metrics.users() > 0 && (k.startsWith("R@") || k.startsWith("NDCG@"))) {
                m.put(k, round(v));
            }
        });
    }

    private static RecommendationRequest request(String user, Map<String, List<InteractionRecord>> history,
                                                 Strategy strategy, int length, Set<String> excludes) {
        return new RecommendationRequest(user, history.getOrDefault(user, List.of()), strategy, length, 0, null,
                Set.of(), excludes);
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static List<PaperRecord> withEmbeddings(List<PaperRecord> papers, Path cacheFile) throws IOException {
        EmbeddingCache cache = new EmbeddingCache(cacheFile);
        List<String> texts = papers.stream().map(p -> TextEmbedder.paperText(p.title(), p.abstractText())).toList();
        List<Integer> nonEmpty = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!texts.get(i).isBlank()) {
                nonEmpty.add(i);
            }
        }
        List<float[]> vectors = cache.embed(nonEmpty.stream().map(texts::get).toList());
        float[][] byPaper = new float[papers.size()][];
        for (int k = 0; k < nonEmpty.size(); k++) {
            byPaper[nonEmpty.get(k)] = vectors.get(k);
        }
        List<PaperRecord> result = new ArrayList<>(papers.size());
        for (int i = 0; i < papers.size(); i++) {
            PaperRecord p = papers.get(i);
            result.add(p.withEmbedding(byPaper[i]));
        }
        return result;
    }

    private static void printTable(List<ObjectNode> results, int[] cutoffs) {
        StringBuilder header = new StringBuilder(String.format("%-14s %6s", "strategy", "users"));
        List<String> keys = new ArrayList<>();
        for (int k : cutoffs) {
            keys.addAll(List.of("P@" + k, "R@" + k, "NDCG@" + k, "Coverage@" + k));
        }
        for (String k : keys) {
            header.append(String.format(" %12s", k));
        }
        header.append(String.format(" %9s %9s", "p50 ms", "p99 ms"));
        System.out.println(header);
        for (ObjectNode r : results) {
            StringBuilder row = new StringBuilder(String.format("%-14s %6d", r.get("strategy").asText(),
                    r.get("users").asInt()));
            for (String k : keys) {
                row.append(String.format(" %12.4f", r.get("metrics").get(k).asDouble()));
            }
            row.append(String.format(" %9.2f %9.2f", r.get("latencyMs").get("p50").asDouble(),
                    r.get("latencyMs").get("p99").asDouble()));
            System.out.println(row);
        }
        System.out.println("held-out pairs on papers without a training reader (new) and with one (read):");
        for (String part : List.of("new", "read")) {
            for (ObjectNode r : results) {
                StringBuilder row = new StringBuilder(String.format("%-5s %-14s %6d", part, r.get("strategy").asText(),
                        r.get(part).get("users").asInt()));
                r.get(part).get("metrics").fields().forEachRemaining(e -> row.append(String.format(" %s %.4f",
                        e.getKey(), e.getValue().asDouble())));
                System.out.println(row);
            }
        }
    }

    private static Map<String, String> settingsOverrides(String text) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=", 2);
                overrides.put(kv[0].strip(), kv[1].strip());
            }
        }
        return overrides;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
