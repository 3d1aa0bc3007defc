package dev.paperrec.paper;

import dev.paperrec.common.api.BulkReader;
import dev.paperrec.common.api.CsvTable;
import dev.paperrec.common.api.Ids;
import dev.paperrec.common.api.IngestConfig;
import dev.paperrec.common.api.ReferenceIds;
import dev.paperrec.paper.PaperRepository.Citation;
import dev.paperrec.paper.PaperRepository.ReferenceCount;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Adds citations to papers' reference lists from CSV ({@code paper_id,cited_paper_id}), after those stored. */
@ApplicationScoped
@Transactional
public class CitationService {

    private static final Logger LOG = Logger.getLogger(CitationService.class);
    private static final List<String> COLUMNS = List.of("paper_id", "cited_paper_id");

    private final PaperRepository papers;
    private final IngestConfig config;
    private final Event<PapersChanged> changes;

    CitationService(PaperRepository papers, IngestConfig config, Event<PapersChanged> changes) {
        this.papers = papers;
        this.config = config;
        this.changes = changes;
    }

    /** Appends every valid citation of the body, committing chunk by chunk; refused lines are reported. */
    @Transactional(Transactional.TxType.NEVER)
    public CitationImportResult importCsv(InputStream body) {
        CitationSink sink = new CitationSink();
        long started = System.nanoTime();
        CsvTable.read(BulkReader.limited(body, config.maxBodyBytes()), config.maxLineLength(), COLUMNS, COLUMNS,
                sink);
        sink.flush();
        LOG.infof("Imported citations: %d added, %d already known, %d rejected in %d ms", sink.added,
                sink.alreadyKnown, sink.rejected.count(), (System.nanoTime() - started) / 1_000_000);
        return new CitationImportResult(sink.added, sink.alreadyKnown, sink.rejected.count(), sink.rejected.lines());
    }

    /** A citation read from a line. */
    private record Line(long number, Citation citation) {
    }

    /** What one chunk's transaction decided, applied to the counts once it committed. */
    private record Appended(long added, long alreadyKnown, Map<Long, String> refused, Set<String> changed) {
    }

    private final class CitationSink implements CsvTable.Sink {
        private final List<Line> chunk = new ArrayList<>();
        private final RejectedLines rejected = new RejectedLines(config.maxReportedRejections());
        private long added;
        private long alreadyKnown;

        @Override
        public void accept(long line, String[] cells) {
            String paperId = cells[0];
            String problem = Ids.paperIdProblem(paperId);
            if (problem != null) {
                reject(line, "paper_id: " + problem);
                return;
            }
            ReferenceIds.Parsed cited = ReferenceIds.parse(cells[1]);
            if (!cited.valid()) {
                reject(line, "cited_paper_id: " + cited.problem());
                return;
            }
            chunk.add(new Line(line, new Citation(paperId, cited.id())));
            if (chunk.size() >= config.chunkSize()) {
                flush();
            }
        }

        @Override
        public void reject(long line, String error) {
            rejected.add(line, error);
        }

        void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            List<Line> batch = List.copyOf(chunk);
            chunk.clear();
            Appended outcome = QuarkusTransaction.requiringNew().call(() -> append(batch));
            added += outcome.added();
            alreadyKnown += outcome.alreadyKnown();
            outcome.refused().forEach(this::reject);
            if (!outcome.changed().isEmpty()) {
                changes.fire(new PapersChanged(outcome.changed(), Set.of()));
            }
        }
    }

    /** Decides each line of a chunk against the stored papers and references, and stores the new ones. */
    private Appended append(List<Line> batch) {
        Set<String> citing = new TreeSet<>();
        batch.forEach(l -> citing.add(l.citation().paperId()));
        Map<String, String> live = papers.lockLive(citing);
        Map<String, ReferenceCount> counts = papers.referenceCounts(live.keySet());
        Set<Citation> stored = papers.stored(batch.stream().map(Line::citation)
                .filter(c -> live.containsKey(c.paperId())).toList());
        Map<String, Set<String>> selves = new HashMap<>();
        Map<Citation, Integer> positions = new LinkedHashMap<>();
        Map<Long, String> refused = new LinkedHashMap<>();
        long known = 0;
        for (Line line : batch) {
            Citation c = line.citation();
            if (!live.containsKey(c.paperId())) {
                refused.put(line.number(), "paper_id: paper '" + c.paperId() + "' does not exist or has been withdrawn");
                continue;
            }
            if (selves.computeIfAbsent(c.paperId(), id -> ReferenceIds.aliases(id, live.get(id))).contains(c.ref())) {
                refused.put(line.number(), "cited_paper_id: " + References.SELF_CITATION);
                continue;
            }
            if (stored.contains(c) || positions.containsKey(c)) {
                known++;
                continue;
            }
            ReferenceCount count = counts.getOrDefault(c.paperId(), new ReferenceCount(0, 0));
            if (count.count() >= References.MAX) {
                refused.put(line.number(), "paper '" + c.paperId() + "' already has " + References.MAX
                        + " references, the most a paper may have");
                continue;
            }
            positions.put(c, count.nextPosition());
            counts.put(c.paperId(), new ReferenceCount(count.count() + 1, count.nextPosition() + 1));
        }
        papers.append(positions);
        Set<String> changed = new TreeSet<>();
        positions.keySet().forEach(c -> changed.add(c.paperId()));
        return new Appended(positions.size(), known, refused, changed);
    }
}
