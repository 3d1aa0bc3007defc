package dev.paperrec.recommend.eval;

import dev.paperrec.interaction.EventType;
import dev.paperrec.recommend.EngineSettings;
import dev.paperrec.recommend.hybrid.RecommendationModel;
import dev.paperrec.recommend.model.BuildGuard;
import dev.paperrec.recommend.model.EventLog;
import dev.paperrec.recommend.model.InteractionRecord;
import dev.paperrec.recommend.model.ModelBuilder;
import dev.paperrec.recommend.model.PaperRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heap of a model build by phase, as the service builds (docs/scaling.md, "Memory of a build"): the live heap
 * after a full collection at each phase boundary, for a first build and for a rebuild while the first model is
 * still in service. Reads a set written by the evaluator's {@code --generate}; text only, as the cost curve.
 *
 * <pre>
 * MAVEN_OPTS=-Xmx6g ./mvnw -q -B -Pbench test-compile exec:java -Dbench.main=dev.paperrec.recommend.eval.BuildMemoryProbe \
 *     -Dexec.args="target/synthetic/s5m [records]"
 * </pre>
 * With {@code records}, the events are also held as a list of records first, as the snapshot held them before.
 */
public final class BuildMemoryProbe {

    private BuildMemoryProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        boolean records = args.length > 1 && args[1].equals("records");
        Instant now = Instant.parse("2025-07-01T00:00:00Z");
        long base = live();
        List<PaperRecord> papers = Datasets.papers(dir.resolve("papers.jsonl"));
        long afterPapers = live();
        report("papers read", papers.size() + " papers", afterPapers - base);
        EventLog log;
        if (records) {
            // The events as a list of records first, as the snapshot held them before; released once measured.
            List<InteractionRecord> list = new ArrayList<>();
            read(dir.resolve("interactions.csv"), (u, p, t, at) -> list.add(new InteractionRecord(u, p, t, at)));
            report("events as records", list.size() + " events", live() - afterPapers);
            log = EventLog.of(list);
        } else {
            EventLog read = new EventLog();
            read(dir.resolve("interactions.csv"), read::add);
            log = read;
        }
        long afterEvents = live();
        report("events in columns", log.size() + " events", afterEvents - afterPapers);
        EngineSettings settings = EngineSettings.defaults().with(java.util.Map.of("embeddingShare", "0"));
        RecommendationModel first = build(papers, log, settings, now, afterEvents, "first build");
        long withModel = live();
        log = null;
        papers = null;
        long model = live();
        report("model in service (inputs released)", "", model - base);
        List<PaperRecord> again = Datasets.papers(dir.resolve("papers.jsonl"));
        EventLog readAgain = new EventLog();
        read(dir.resolve("interactions.csv"), readAgain::add);
        long inputs = live();
        report("rebuild inputs read, model in service", "", inputs - base);
        RecommendationModel second = build(again, readAgain, settings, now, inputs, "rebuild");
        report("both models", first.version() + " / " + second.version(), withModel);
    }

    private static RecommendationModel build(List<PaperRecord> papers, EventLog log, EngineSettings settings,
                                             Instant now, long before, String what) {
        long[] peak = {before};
        String[] last = {""};
        BuildGuard phases = phase -> {
            if (!phase.equals(last[0])) {
                last[0] = phase;
                long l = live();
                peak[0] = Math.max(peak[0], l);
                report(what + ": " + phase, "", l - before);
            }
        };
        long started = System.nanoTime();
        RecommendationModel model = ModelBuilder.build(papers, log, null, null, settings, now, phases);
        long after = live();
        report(what + ": done in " + (System.nanoTime() - started) / 1_000_000 + " ms", "largest phase boundary "
                + (peak[0] >> 20) + " MB", after - before);
        return model;
    }

    private interface Sink {
        void add(String user, String paper, EventType type, Instant at);
    }

    private static void read(Path file, Sink sink) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file)) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", -1);
                sink.add(f[0], f[1], EventType.fromWireName(f[2]), Instant.parse(f[3]));
            }
        }
    }

    private static long live() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static void report(String what, String detail, long bytes) {
        System.out.printf(Locale.ROOT, "%-55s %8d MB  %s%n", what, bytes >> 20, detail);
    }
}
