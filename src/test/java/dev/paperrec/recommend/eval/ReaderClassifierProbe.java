package dev.paperrec.recommend.eval;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import dev.paperrec.recommend.EngineSettings;
import dev.paperrec.recommend.content.ContentModel;
import dev.paperrec.recommend.content.SparseVector;
import dev.paperrec.recommend.model.InteractionRecord;
import dev.paperrec.recommend.model.PaperRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Screens a per-reader linear classifier as the content scorer against the summed content profile
 * (docs/evaluation.md, "Per-reader classifier"). Takes the evaluator's options and carves the same split and
 * validation, builds the engine's {@link ContentModel} on the training part, and ranks each sampled user's
 * candidates twice: by the summed profile (the content strategy's score) and by a linear SVM trained for that user
 * over the same features the content similarity uses, the user's training papers against the rest of the
 * catalogue (arxiv-sanity-lite's recommender: squared hinge, L2, balanced class weights, an intercept).
 *
 * <p>A paper's features are its TF-IDF vector scaled by the square root of the text share followed by its
 * projected embedding scaled by the square root of the embedding share, L2-normalised: the dot product of two
 * papers' features is their content similarity, so the summed profile is the centroid classifier of the same space.
 *
 * <pre>
 * ./mvnw -q -B -Pbench test-compile exec:java -Dbench.main=dev.paperrec.recommend.eval.ReaderClassifierProbe \
 *     -Dexec.args="--papers ../shared/datasets/citeulike-a/papers.jsonl --interactions ../shared/datasets/citeulike-a/interactions.csv \
 *     --split cold --seed 42 --validation --candidates cold --max-users 500 --c 0.01,0.1,1 --eps 0.1"
 * </pre>
 * {@code --c} lists the SVM's regularisation constants (default 0.1); {@code --negatives N} trains on a seeded
 * sample of N other papers instead of all of them; {@code --eps} is the solver's stopping tolerance (default 0.1,
 * liblinear's).
 */
public final class ReaderClassifierProbe {

    private ReaderClassifierProbe() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = Evaluator.options(args);
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        Evaluator.Setup setup = Evaluator.setup(options, seed);
        EngineSettings settings = setup.settings();
        int[] cutoffs = Arrays.stream(options.getOrDefault("cutoffs", "20,50").split(","))
                .mapToInt(Integer::parseInt).toArray();
        double[] costs = Arrays.stream(options.getOrDefault("c", "0.1").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        int negatives = Integer.parseInt(options.getOrDefault("negatives", "0"));
        double eps = Double.parseDouble(options.getOrDefault("eps", "0.1"));
        Linear.disableDebugOutput();

        // The order ModelBuilder gives the content model: papers by id.
        Map<String, PaperRecord> byId = new TreeMap<>();
        setup.papers().forEach(p -> byId.putIfAbsent(p.id(), p));
        List<PaperRecord> papers = new ArrayList<>(byId.values());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < papers.size(); i++) {
            index.put(papers.get(i).id(), i);
        }
        long started = System.nanoTime();
        ContentModel content = ContentModel.build(papers, settings.embeddingShare(), settings.embeddingComponents(),
                settings.authorWeight(), settings.maxDocumentShare());
        double share = content.embedded() == 0 ? 0 : settings.embeddingShare();
        int embedding = 0;
        for (int p = 0; share > 0 && p < papers.size(); p++) {
            embedding = Math.max(embedding, content.meaningOf(p) == null ? 0 : content.meaningOf(p).length);
        }
        Feature[][] features = features(content, papers.size(), share, embedding);
        int dimensions = content.vocabularySize() + embedding + 1;
        System.out.printf(Locale.ROOT, "Content model and features of %d papers (%d dimensions) in %.1f s%n",
                papers.size(), dimensions, (System.nanoTime() - started) / 1e9);

        Map<String, Set<Integer>> history = new HashMap<>();
        Set<String> trained = new HashSet<>();
        for (InteractionRecord e : setup.split().train()) {
            Integer p = index.get(e.paperId());
            if (p != null) {
                history.computeIfAbsent(e.userId(), u -> new TreeSet<>()).add(p);
            }
            trained.add(e.paperId());
        }
        boolean coldOnly = "cold".equals(options.getOrDefault("candidates", "all"));
        Set<String> candidateIds = new HashSet<>(byId.keySet());
        if (coldOnly) {
            candidateIds.removeAll(trained);
        }
        boolean[] candidate = new boolean[papers.size()];
        candidateIds.forEach(id -> candidate[index.get(id)] = true);
        int maxUsers = Integer.parseInt(options.getOrDefault("max-users", "0"));
        Map<String, Set<String>> test = Evaluator.heldOut(setup.split(), candidateIds, maxUsers, seed);

        Map<String, RankingMetrics> metrics = new LinkedHashMap<>();
        metrics.put("summed profile", new RankingMetrics(cutoffs, candidateIds.size()));
        for (double c : costs) {
            metrics.put(String.format(Locale.ROOT, "svm C=%s", c), new RankingMetrics(cutoffs, candidateIds.size()));
        }
        int length = Arrays.stream(cutoffs).max().orElse(20);
        double[] scores = new double[papers.size()];
        long svmNanos = 0;
        int done = 0;
        for (Map.Entry<String, Set<String>> user : test.entrySet()) {
            int[] seeds = history.getOrDefault(user.getKey(), Set.of()).stream().mapToInt(Integer::intValue).toArray();
            boolean[] eligible = candidate.clone();
            for (int p : seeds) {
                eligible[p] = false;
            }
            double[] ones = new double[seeds.length];
            Arrays.fill(ones, 1);
            Arrays.fill(scores, 0);
            content.score(content.profile(seeds, ones), scores);
            List<List<String>> rankings = new ArrayList<>();
            rankings.add(top(scores, eligible, papers, length));
            long t = System.nanoTime();
            Problem problem = problem(features, dimensions, seeds, negatives, new Random(seed * 31 + done));
            for (double c : costs) {
                double[] w = train(problem, seeds.length, c, eps);
                for (int p = 0; p < papers.size(); p++) {
                    scores[p] = eligible[p] ? dot(w, features[p]) : 0;
                }
                rankings.add(top(scores, eligible, papers, length));
            }
            svmNanos += System.nanoTime() - t;
            int k = 0;
            for (RankingMetrics m : metrics.values()) {
                m.add(rankings.get(k++), user.getValue());
            }
            // Running totals, so that a long run read part-way still gives the first users' numbers.
            if (++done % 100 == 0 || done == test.size()) {
                report(metrics, done, negatives, eps, svmNanos);
            }
        }
    }

    private static void report(Map<String, RankingMetrics> metrics, int done, int negatives, double eps,
                               long svmNanos) {
        System.out.printf(Locale.ROOT, "%d users, negatives: %s, eps %s; SVM %.0f ms per user (all C)%n",
                done, negatives > 0 ? "a seeded sample of " + negatives : "every other catalogue paper", eps,
                svmNanos / 1e6 / Math.max(1, done));
        for (Map.Entry<String, RankingMetrics> m : metrics.entrySet()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-16s %6d", m.getKey(),
                    m.getValue().users()));
            m.getValue().values().forEach((name, v) -> {
                if (name.startsWith("R@") || name.startsWith("NDCG@")) {
                    row.append(String.format(Locale.ROOT, " %s %.4f", name, v));
                }
            });
            System.out.println(row);
        }
    }

    /** Every paper's feature row, liblinear's 1-based indices: words, then the embedding, then the intercept. */
    private static Feature[][] features(ContentModel content, int size, double share, int embedding) {
        int vocabulary = content.vocabularySize();
        double wordScale = Math.sqrt(1 - share);
        double meaningScale = Math.sqrt(share);
        Feature[][] rows = new Feature[size][];
        for (int p = 0; p < size; p++) {
            SparseVector words = content.wordsOf(p);
            float[] meaning = share > 0 ? content.meaningOf(p) : null;
            int dense = meaning == null ? 0 : meaning.length;
            double[] values = new double[words.terms().length + dense];
            double norm = 0;
            for (int i = 0; i < words.terms().length; i++) {
                values[i] = wordScale * words.weights()[i];
                norm += values[i] * values[i];
            }
            for (int d = 0; d < dense; d++) {
                values[words.terms().length + d] = meaningScale * meaning[d];
                norm += values[words.terms().length + d] * values[words.terms().length + d];
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            Feature[] row = new Feature[values.length + 1];
            for (int i = 0; i < words.terms().length; i++) {
                row[i] = new FeatureNode(words.terms()[i] + 1, values[i] * scale);
            }
            for (int d = 0; d < dense; d++) {
                row[words.terms().length + d] = new FeatureNode(vocabulary + d + 1,
                        values[words.terms().length + d] * scale);
            }
            row[values.length] = new FeatureNode(vocabulary + embedding + 1, 1);
            rows[p] = row;
        }
        return rows;
    }

    /** The user's papers as positives first, then every other paper (or a seeded sample of them) as negatives. */
    private static Problem problem(Feature[][] features, int dimensions, int[] positives, int negatives,
                                   Random random) {
        boolean[] positive = new boolean[features.length];
        for (int p : positives) {
            positive[p] = true;
        }
        int[] others = new int[features.length - positives.length];
        int n = 0;
        for (int p = 0; p < features.length; p++) {
            if (!positive[p]) {
                others[n++] = p;
            }
        }
        if (negatives > 0 && negatives < others.length) {
            for (int i = 0; i < negatives; i++) {
                int j = i + random.nextInt(others.length - i);
                int swap = others[i];
                others[i] = others[j];
                others[j] = swap;
            }
            others = Arrays.copyOf(others, negatives);
            Arrays.sort(others);
        }
        Problem problem = new Problem();
        problem.l = positives.length + others.length;
        problem.n = dimensions;
        problem.bias = 1;
        problem.x = new Feature[problem.l][];
        problem.y = new double[problem.l];
        for (int i = 0; i < positives.length; i++) {
            problem.x[i] = features[positives[i]];
            problem.y[i] = 1;
        }
        for (int i = 0; i < others.length; i++) {
            problem.x[positives.length + i] = features[others[i]];
            problem.y[positives.length + i] = -1;
        }
        return problem;
    }

    /** Weights whose dot product with a feature row is the positive class's decision value. */
    private static double[] train(Problem problem, int positives, double c, double eps) {
        Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, c, eps);
        // Balanced classes as sklearn computes them: n / (classes * class size).
        parameter.setWeights(new double[] {problem.l / (2.0 * positives), problem.l / (2.0 * (problem.l - positives))},
                new int[] {1, -1});
        parameter.setRandom(new Random(1));
        Model model = Linear.train(problem, parameter);
        double[] w = model.getFeatureWeights();
        if (model.getLabels()[0] != 1) {
            w = Arrays.stream(w).map(v -> -v).toArray();
        }
        return w;
    }

    private static double dot(double[] w, Feature[] row) {
        double sum = 0;
        for (Feature f : row) {
            sum += w[f.getIndex() - 1] * f.getValue();
        }
        return sum;
    }

    /** The {@code length} eligible papers with the highest scores, ties by catalogue order (by id). */
    private static List<String> top(double[] scores, boolean[] eligible, List<PaperRecord> papers, int length) {
        int[] best = new int[length];
        int size = 0;
        for (int p = 0; p < scores.length; p++) {
            if (!eligible[p] || (size == length && scores[p] <= scores[best[size - 1]])) {
                continue;
            }
            int at = size < length ? size++ : length - 1;
            while (at > 0 && scores[best[at - 1]] < scores[p]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = p;
        }
        List<String> ids = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ids.add(papers.get(best[i]).id());
        }
        return ids;
    }
}
