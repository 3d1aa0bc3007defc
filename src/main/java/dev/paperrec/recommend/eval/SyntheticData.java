package dev.paperrec.recommend.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a synthetic catalogue and event log in the evaluation layout: {@code papers.jsonl} and
 * {@code interactions.csv} (header {@code user_id,paper_id,type,occurred_at}), at sizes no real data set here
 * reaches, for load tests and engine runs.
 *
 * <p>Papers belong to topics (about √N / 2 of them, of Zipf-distributed size). Each topic has its own invented
 * vocabulary around a real field term, so titles and abstracts cluster by topic over a shared general vocabulary;
 * authors come from topic pools with some cross-topic collaboration; the first tag names the topic. Papers are
 * published over two years (2023-2024) with arXiv-style ids from their month. Users follow one to four topics;
 * their activity is heavy-tailed (truncated Pareto) and the events add up to exactly the requested number. Within a topic
 * a paper's popularity follows Zipf's law; a tenth of a user's reads and upvotes stray outside their interests.
 * Events come after the paper's publication, up to mid-2025, sorted by user and time.
 *
 * <p>Every byte follows from the {@link Spec}: catalogue and users draw from separate streams split off the seed,
 * so the same seed and paper count give the same catalogue whatever the number of events. Both files are
 * streamed; memory grows with papers and users (a few ints each), not with events.
 */
public final class SyntheticData {

    /** What to generate. */
    public record Spec(int papers, int users, long events, long seed) {
        public Spec {
            if (papers < 1 || papers > MAX_PAPERS) {
                throw new IllegalArgumentException("--papers must lie between 1 and " + MAX_PAPERS);
            }
            if (users < 1) {
                throw new IllegalArgumentException("--users must be at least 1");
            }
            if (events < 0) {
                throw new IllegalArgumentException("--events must not be negative");
            }
        }
    }

    /** What was written: topics of the catalogue, and users with at least one event. */
    public record Summary(int topics, int activeUsers) {
    }

    static final String PAPERS_FILE = "papers.jsonl";
    static final String INTERACTIONS_FILE = "interactions.csv";
    static final String CSV_HEADER = "user_id,paper_id,type,occurred_at";
    static final LocalDate FIRST_DAY = LocalDate.of(2023, 1, 1);
    static final int PUBLICATION_DAYS = 731;
    /** Events end here, half a year after the last paper, and long before any clock the service checks against. */
    static final LocalDate LAST_EVENT_DAY = LocalDate.of(2025, 6, 30);

    // Event times are packed with the paper index and type into one sortable long (see userEvents).
    private static final int MAX_PAPERS = 1 << 27;
    private static final int SECONDS_PER_DAY = 86_400;
    private static final double TOPIC_ZIPF = 0.6;
    private static final double PAPER_ZIPF = 1.0;
    private static final double WORD_ZIPF = 0.8;
    private static final double AUTHOR_ZIPF = 0.8;
    private static final int WORDS_PER_TOPIC = 30;
    private static final double STRAY_SHARE = 0.10;
    private static final double UPVOTE_SHARE = 0.15;
    private static final double DISMISS_SHARE = 0.05;
    private static final double ACTIVITY_PARETO_ALPHA = 1.3;
    /** Truncates the activity tail, so one user of a small population does not write half the log. */
    private static final double MAX_ACTIVITY = 100;
    private static final double MEAN_DELAY_DAYS = 60;
    private static final int MAX_INTERESTS = 4;
    private static final String[] TYPES = {"read", "upvote", "dismiss"};

    private static final String[] FIELDS = {
        "graph", "protein", "speech", "retrieval", "vision", "language", "robotics", "genomics", "climate",
        "molecule", "recommendation", "translation", "reasoning", "segmentation", "planning", "privacy", "quantum",
        "audio", "video", "tabular", "code", "medical", "finance", "traffic", "materials", "chemistry", "physics",
        "astronomy", "neuroscience", "epidemiology", "fairness", "compression", "control", "navigation", "dialogue",
        "summarization", "detection", "tracking", "forecasting", "clustering", "ranking", "kernel", "manifold",
        "sparsity", "causality", "uncertainty", "robustness", "memory", "hardware", "scheduling"};
    private static final String[] ADJECTIVES = {
        "Efficient", "Scalable", "Robust", "Sparse", "Adaptive", "Contrastive", "Hierarchical", "Federated",
        "Provable", "Generalized", "Multimodal", "Neural", "Bayesian", "Causal", "Differentiable", "Interpretable",
        "Unsupervised", "Structured", "Latent", "Stochastic", "Continual", "Lightweight", "Distributed", "Implicit"};
    private static final String[] METHODS = {
        "networks", "models", "transformers", "estimation", "inference", "optimization", "learning",
        "representations", "benchmarks", "analysis", "embeddings", "attention", "diffusion", "sampling",
        "regularization", "pretraining", "alignment", "distillation", "generation", "decoding"};
    private static final String[] GENERAL = {
        "model", "method", "approach", "data", "training", "performance", "results", "task", "tasks", "framework",
        "accuracy", "baseline", "baselines", "dataset", "datasets", "experiments", "evaluation", "algorithm",
        "objective", "loss", "gradient", "parameters", "scale", "efficiency", "generalization", "architecture",
        "signal", "structure", "features", "prediction", "supervision", "labels", "noise", "bound", "error",
        "complexity", "state", "art", "improves", "outperforms", "achieves", "reduces", "enables", "captures",
        "demonstrates", "proposes", "existing", "novel", "significant", "simple", "strong", "large", "small",
        "real", "world", "open", "source", "empirical", "theoretical", "practical"};
    private static final String[] FUNCTION = {
        "the", "of", "and", "to", "a", "in", "that", "this", "we", "our", "with", "on", "for", "by", "is", "are"};
    private static final String[] FIRST_OPENERS = {
        "We propose", "We study", "This paper introduces", "We present", "Existing approaches to"};
    private static final String[] OPENERS = {
        "Our analysis shows that", "Experiments on", "We further show that", "Compared with prior work,",
        "Building on", "To address this,", "In particular,", "Unlike previous"};
    private static final String[] LAST_OPENERS = {"Finally,", "Our results show that", "Overall,"};
    private static final String[] CONNECTORS = {"for", "with", "via", "in", "under", "beyond", "through"};
    private static final String[] EXTRA_TAGS = {"benchmark", "theory", "dataset", "survey", "open-source"};
    private static final String[] ONSETS = {
        "b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "cr", "dr", "gr", "pr",
        "tr", "st", "sp", "ch", "th", "ph", "qu"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "a", "e", "o", "io", "y"};
    private static final String[] CODAS = {
        "", "n", "r", "s", "x", "l", "on", "al", "ine", "ex", "ium", "or", "ic", "ant", "ene", "ode"};
    private static final String[] GIVEN_NAMES = {
        "Ana", "Ben", "Chen", "Dara", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kavya", "Lars", "Mei",
        "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf",
        "Zora", "Aiko", "Bruno", "Camille", "Dmitri", "Esra", "Felix", "Hana", "Ivan", "Julia", "Kofi", "Lena",
        "Mateo", "Noor", "Pavel"};
    private static final String[] SURNAMES = {
        "Adeyemi", "Bauer", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Hoffmann", "Ito", "Jensen",
        "Kim", "Kowalski", "Li", "Martin", "Nakamura", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sato",
        "Schmidt", "Silva", "Tanaka", "Usman", "Varga", "Wang", "Weber", "Xu", "Yamamoto", "Zhang", "Zimmermann",
        "Ahmed", "Berg", "Chandra", "Dimitrov", "Esposito", "Fernandes", "Gupta", "Horvat", "Iyer", "Jovanovic",
        "Kaur", "Lindqvist", "Moreau", "Nguyen", "Olsen", "Park", "Reyes", "Suzuki", "Torres", "Ueda", "Volkov",
        "Wojcik", "Yilmaz", "Zhou", "Andersson", "Bianchi", "Costa", "Duarte", "Ferrari", "Haddad", "Kovac",
        "Laine", "Mendes", "Nieminen", "Ortiz", "Popescu", "Ramos", "Sorensen", "Tran", "Vasquez", "Wu", "Yang",
        "Zeller", "Alvarez", "Brandt", "Chowdhury", "Demir", "Eze"};

    private SyntheticData() {
    }

    /** Writes {@code papers.jsonl} and {@code interactions.csv} into {@code dir}, creating it if needed. */
    public static Summary write(Spec spec, Path dir) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom root = new SplittableRandom(spec.seed());
        SplittableRandom corpusRandom = root.split();
        SplittableRandom userRandom = root.split();
        Corpus corpus = new Corpus(spec.papers(), corpusRandom);
        try (Writer out = writer(dir.resolve(PAPERS_FILE))) {
            corpus.writePapers(out, corpusRandom);
        }
        try (Writer out = writer(dir.resolve(INTERACTIONS_FILE))) {
            return new Summary(corpus.topics(), writeEvents(spec, corpus, userRandom, out));
        }
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Papers, their topics and the within-topic popularity order; everything the event log needs to know. */
    private static final class Corpus {
        private final int papers;
        private final int[] topicOf;
        private final int[] rankInTopic;
        private final int[][] byPopularity;
        private final String[][] vocabulary;
        private final String[] field;
        private final int[] authorPoolStart;
        private final String[] ids;
        private final String[] days = dayStrings();

        Corpus(int papers, SplittableRandom random) {
            this.papers = papers;
            int topics = Math.max(1, (int) Math.round(Math.sqrt(papers) / 2));
            topicOf = new int[papers];
            int[] size = new int[topics];
            for (int p = 0; p < papers; p++) {
                topicOf[p] = zipfRank(topics, TOPIC_ZIPF, random.nextDouble()) - 1;
                size[topicOf[p]]++;
            }
            byPopularity = new int[topics][];
            for (int t = 0; t < topics; t++) {
                byPopularity[t] = new int[size[t]];
            }
            int[] filled = new int[topics];
            for (int p = 0; p < papers; p++) {
                byPopularity[topicOf[p]][filled[topicOf[p]]++] = p;
            }
            rankInTopic = new int[papers];
            for (int[] members : byPopularity) {
                shuffle(members, random);
                for (int r = 0; r < members.length; r++) {
                    rankInTopic[members[r]] = r + 1;
                }
            }
            vocabulary = vocabularies(topics, random);
            field = new String[topics];
            authorPoolStart = new int[topics + 1];
            for (int t = 0; t < topics; t++) {
                field[t] = FIELDS[t % FIELDS.length];
                // About 2.5 papers per author of the pool, each paper having several authors.
                authorPoolStart[t + 1] = authorPoolStart[t] + Math.max(3, (int) Math.ceil(size[t] * 0.4));
            }
            ids = paperIds(papers);
        }

        int topics() {
            return byPopularity.length;
        }

        int publicationDay(int paper) {
            return (int) ((long) paper * PUBLICATION_DAYS / papers);
        }

        /** A topic drawn by topic size, never an empty one. */
        int topic(SplittableRandom random) {
            int t;
            do {
                t = zipfRank(topics(), TOPIC_ZIPF, random.nextDouble()) - 1;
            } while (byPopularity[t].length == 0);
            return t;
        }

        /** A paper of the topic, popular ones more often. */
        int paper(int topic, SplittableRandom random) {
            int[] members = byPopularity[topic];
            return members[zipfRank(members.length, PAPER_ZIPF, random.nextDouble()) - 1];
        }

        void writePapers(Writer out, SplittableRandom random) throws IOException {
            JsonGenerator json = new JsonFactory().setRootValueSeparator(null).createGenerator(out)
                    .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            StringBuilder text = new StringBuilder(1024);
            for (int p = 0; p < papers; p++) {
                int t = topicOf[p];
                json.writeStartObject();
                json.writeStringField("id", ids[p]);
                json.writeStringField("title", title(t, random, text));
                json.writeStringField("abstract", abstractText(t, random, text));
                json.writeArrayFieldStart("authors");
                for (String author : authors(t, random)) {
                    json.writeString(author);
                }
                json.writeEndArray();
                json.writeStringField("publishedAt", days[publicationDay(p)]);
                json.writeNumberField("upvotes", (long) (200.0 / rankInTopic[p] * (0.5 + random.nextDouble())));
                json.writeArrayFieldStart("tags");
                json.writeString(field[t] + "-" + vocabulary[t][0]);
                if (random.nextDouble() < 0.3) {
                    json.writeString(EXTRA_TAGS[random.nextInt(EXTRA_TAGS.length)]);
                }
                json.writeEndArray();
                json.writeEndObject();
                json.writeRaw('\n');
            }
            json.flush();
        }

        private String title(int t, SplittableRandom random, StringBuilder s) {
            s.setLength(0);
            if (random.nextDouble() < 0.6) {
                s.append(pick(ADJECTIVES, random)).append(' ');
            }
            s.append(capitalised(topicWord(t, random))).append(' ');
            if (random.nextBoolean()) {
                s.append(capitalised(topicWord(t, random))).append(' ');
            }
            s.append(capitalised(pick(METHODS, random)));
            if (random.nextDouble() < 0.7) {
                s.append(' ').append(pick(CONNECTORS, random)).append(' ')
                        .append(capitalised(random.nextBoolean() ? field[t] : topicWord(t, random))).append(' ')
                        .append(capitalised(topicWord(t, random)));
            }
            return s.toString();
        }

        private String abstractText(int t, SplittableRandom random, StringBuilder s) {
            s.setLength(0);
            int sentences = 4 + random.nextInt(4);
            for (int i = 0; i < sentences; i++) {
                if (i > 0) {
                    s.append(' ');
                }
                s.append(pick(i == 0 ? FIRST_OPENERS : i == sentences - 1 ? LAST_OPENERS : OPENERS, random));
                int words = 6 + random.nextInt(9);
                for (int w = 0; w < words; w++) {
                    double u = random.nextDouble();
                    s.append(' ').append(u < 0.35 ? topicWord(t, random) : u < 0.42 ? field[t]
                            : u < 0.75 ? pick(GENERAL, random) : pick(FUNCTION, random));
                }
                s.append('.');
            }
            return s.toString();
        }

        private String topicWord(int t, SplittableRandom random) {
            return vocabulary[t][zipfRank(WORDS_PER_TOPIC, WORD_ZIPF, random.nextDouble()) - 1];
        }

        /** One to about eight distinct authors, mostly from the topic's pool, the prolific ones more often. */
        private String[] authors(int t, SplittableRandom random) {
            int count = 1;
            while (count < 12 && random.nextDouble() < 0.72) {
                count++;
            }
            int[] chosen = new int[count];
            int n = 0;
            for (int i = 0; i < count; i++) {
                int pool = random.nextDouble() < 0.9 ? t : random.nextInt(topics());
                int poolSize = authorPoolStart[pool + 1] - authorPoolStart[pool];
                int author = authorPoolStart[pool] + zipfRank(poolSize, AUTHOR_ZIPF, random.nextDouble()) - 1;
                if (!contains(chosen, n, author)) {
                    chosen[n++] = author;
                }
            }
            String[] names = new String[n];
            for (int i = 0; i < n; i++) {
                names[i] = authorName(chosen[i]);
            }
            return names;
        }
    }

    /**
     * Writes the event log: every user gets a share of the events by their activity weight (the shares add up to
     * exactly {@code spec.events()}), then draws papers from their interests. Returns the users with events.
     */
    private static int writeEvents(Spec spec, Corpus corpus, SplittableRandom random, Writer out)
            throws IOException {
        int users = spec.users();
        int[][] interests = new int[users][];
        double[] activity = new double[users];
        double total = 0;
        for (int u = 0; u < users; u++) {
            interests[u] = interests(corpus, random);
            double tail = 1 - random.nextDouble() * (1 - Math.pow(MAX_ACTIVITY, -ACTIVITY_PARETO_ALPHA));
            activity[u] = Math.pow(tail, -1 / ACTIVITY_PARETO_ALPHA);
            total += activity[u];
        }
        out.write(CSV_HEADER);
        out.write('\n');
        int active = 0;
        double cumulative = 0;
        long before = 0;
        for (int u = 0; u < users; u++) {
            cumulative += activity[u];
            // Cumulative rounding hands out exactly spec.events() in total, each user near their share.
            long upTo = u == users - 1 ? spec.events() : (long) Math.floor(spec.events() * (cumulative / total));
            long count = Math.max(0, upTo - before);
            before += count;
            if (count == 0) {
                continue;
            }
            active++;
            String user = "u" + (u + 1);
            for (long event : userEvents(corpus, interests[u], (int) count, random)) {
                int paper = (int) ((event >>> 2) & (MAX_PAPERS - 1));
                long second = event >>> 29;
                out.write(user);
                out.write(',');
                out.write(corpus.ids[paper]);
                out.write(',');
                out.write(TYPES[(int) (event & 3)]);
                out.write(',');
                writeInstant(out, corpus.days, second);
                out.write('\n');
            }
        }
        return active;
    }

    /** One to four distinct topics, bigger topics more often (fewer when the catalogue has fewer topics). */
    private static int[] interests(Corpus corpus, SplittableRandom random) {
        double u = random.nextDouble();
        int wanted = u < 0.35 ? 1 : u < 0.65 ? 2 : u < 0.85 ? 3 : MAX_INTERESTS;
        int[] chosen = new int[wanted];
        int n = 0;
        for (int attempt = 0; n < wanted && attempt < 20 * wanted; attempt++) {
            int t = corpus.topic(random);
            if (!contains(chosen, n, t)) {
                chosen[n++] = t;
            }
        }
        return Arrays.copyOf(chosen, n);
    }

    /**
     * A user's events packed as (second since {@link #FIRST_DAY}) << 29 | paper << 2 | type, sorted, so that they
     * come out in time order without an object per event.
     */
    private static long[] userEvents(Corpus corpus, int[] interests, int count, SplittableRandom random) {
        long lastSecond = (LAST_EVENT_DAY.toEpochDay() - FIRST_DAY.toEpochDay() + 1) * SECONDS_PER_DAY - 1;
        long[] events = new long[count];
        for (int i = 0; i < count; i++) {
            double u = random.nextDouble();
            int type = u < DISMISS_SHARE ? 2 : u < DISMISS_SHARE + UPVOTE_SHARE ? 1 : 0;
            // Dismissals and strays land anywhere in the catalogue; the rest follow the user's interests.
            int topic = type == 2 || random.nextDouble() < STRAY_SHARE ? corpus.topic(random)
                    : interests[weightedInterest(interests.length, random)];
            int paper = corpus.paper(topic, random);
            long published = (long) corpus.publicationDay(paper) * SECONDS_PER_DAY;
            long second = published + (long) (-Math.log(1 - random.nextDouble()) * MEAN_DELAY_DAYS * SECONDS_PER_DAY);
            if (second > lastSecond) {
                second = published + (long) (random.nextDouble() * (lastSecond - published));
            }
            events[i] = second << 29 | (long) paper << 2 | type;
        }
        Arrays.sort(events);
        return events;
    }

    /** Index of an interest, the first twice as likely as the second, three times as the third, and so on. */
    private static int weightedInterest(int interests, SplittableRandom random) {
        double total = 0;
        for (int i = 1; i <= interests; i++) {
            total += 1.0 / i;
        }
        double u = random.nextDouble() * total;
        for (int i = 1; i < interests; i++) {
            u -= 1.0 / i;
            if (u < 0) {
                return i - 1;
            }
        }
        return interests - 1;
    }

    /**
     * A rank in 1..n with probability close to rank^-s: the inverse of the continuous Zipf distribution's CDF,
     * which costs one pow instead of a table per distribution.
     */
    static int zipfRank(int n, double s, double u) {
        double x = Math.abs(s - 1) < 1e-9 ? Math.pow(n + 1, u)
                : Math.pow(1 + u * (Math.pow(n + 1, 1 - s) - 1), 1 / (1 - s));
        return (int) Math.min(n, Math.max(1, (long) x));
    }

    /** Topic vocabularies of invented words, unique across topics so that a word points to one topic. */
    private static String[][] vocabularies(int topics, SplittableRandom random) {
        Set<String> taken = new HashSet<>(List.of(GENERAL));
        taken.addAll(List.of(FIELDS));
        String[][] words = new String[topics][WORDS_PER_TOPIC];
        StringBuilder s = new StringBuilder();
        for (String[] topic : words) {
            for (int w = 0; w < WORDS_PER_TOPIC; w++) {
                String word;
                do {
                    s.setLength(0);
                    int syllables = random.nextDouble() < 0.2 ? 3 : 2;
                    for (int i = 0; i < syllables; i++) {
                        s.append(pick(ONSETS, random)).append(pick(VOWELS, random));
                    }
                    word = s.append(pick(CODAS, random)).toString();
                } while (!taken.add(word));
                topic[w] = word;
            }
        }
        return words;
    }

    /** arXiv-style ids: YYMM of the publication month and a five-digit sequence number within the month. */
    private static String[] paperIds(int papers) {
        String[] ids = new String[papers];
        int month = -1;
        int sequence = 0;
        for (int p = 0; p < papers; p++) {
            LocalDate day = FIRST_DAY.plusDays((long) p * PUBLICATION_DAYS / papers);
            int yymm = (day.getYear() % 100) * 100 + day.getMonthValue();
            if (yymm != month) {
                month = yymm;
                sequence = 0;
            }
            ids[p] = String.format(Locale.ROOT, "%04d.%05d", yymm, ++sequence);
        }
        return ids;
    }

    /** Names for author numbers; beyond the combinations of the lists, namesakes appear, as in real catalogues. */
    private static String authorName(int author) {
        // A multiplicative scramble keeps consecutive pool members from sharing a given name.
        int h = (int) ((author * 2_654_435_761L) >>> 7 & 0x7fffffff);
        return GIVEN_NAMES[h % GIVEN_NAMES.length] + " " + (char) ('A' + h / GIVEN_NAMES.length % 26) + ". "
                + SURNAMES[author % SURNAMES.length];
    }

    /** ISO dates from {@link #FIRST_DAY} to {@link #LAST_EVENT_DAY}, formatted once. */
    private static String[] dayStrings() {
        int n = (int) (LAST_EVENT_DAY.toEpochDay() - FIRST_DAY.toEpochDay() + 1);
        String[] days = new String[n];
        for (int d = 0; d < n; d++) {
            days[d] = FIRST_DAY.plusDays(d).toString();
        }
        return days;
    }

    /** Writes an ISO-8601 instant such as 2024-03-05T07:08:09Z without a formatter per event. */
    private static void writeInstant(Writer out, String[] days, long second) throws IOException {
        out.write(days[(int) (second / SECONDS_PER_DAY)]);
        int inDay = (int) (second % SECONDS_PER_DAY);
        out.write('T');
        twoDigits(out, inDay / 3600);
        out.write(':');
        twoDigits(out, inDay / 60 % 60);
        out.write(':');
        twoDigits(out, inDay % 60);
        out.write('Z');
    }

    private static void twoDigits(Writer out, int value) throws IOException {
        out.write('0' + value / 10);
        out.write('0' + value % 10);
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String pick(String[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int v = values[i];
            values[i] = values[j];
            values[j] = v;
        }
    }
}
