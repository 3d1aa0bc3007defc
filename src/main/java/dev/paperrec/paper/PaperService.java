package dev.paperrec.paper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.common.api.BulkReader;
import dev.paperrec.common.api.Ids;
import dev.paperrec.common.api.IngestConfig;
import dev.paperrec.common.api.Paging;
import dev.paperrec.common.error.ApiException;
import dev.paperrec.common.error.JsonErrors;
import dev.paperrec.common.error.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
@Transactional
public class PaperService {

    private static final Logger LOG = Logger.getLogger(PaperService.class);

    private final PaperRepository papers;
    private final Validator validator;
    private final ObjectMapper mapper;
    private final IngestConfig config;
    private final Event<PapersChanged> changes;

    PaperService(PaperRepository papers, Validator validator, ObjectMapper mapper, IngestConfig config,
                 Event<PapersChanged> changes) {
        this.papers = papers;
        this.validator = validator;
        this.mapper = mapper;
        this.config = config;
        this.changes = changes;
    }

    /** The outcome of a PUT. */
    public record Upserted(PaperView paper, boolean created) {
    }

    public Upserted upsert(String id, PaperInput input) {
        Ids.requirePaperId("id", id);
        if (input.id() != null && !input.id().equals(id)) {
            throw ApiException.invalid("id", "the body's id '" + input.id() + "' differs from the path's id");
        }
        References.Checked checked = References.check(input.withId(id));
        if (!checked.valid()) {
            throw ApiException.invalid(checked.errors());
        }
        boolean created = papers.upsert(List.of(checked.paper())).get(id);
        papers.getEntityManager().clear();
        Paper stored = papers.findById(id);
        changes.fire(new PapersChanged(Set.of(id), Set.of()));
        return new Upserted(view(stored), created);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PaperView> find(String id) {
        Ids.requirePaperId("id", id);
        return papers.findByIdOptional(id).map(p -> {
            if (p.isWithdrawn()) {
                throw new ApiException(410, "Gone", "Paper '" + id + "' has been withdrawn");
            }
            return view(p);
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PaperPage list(String q, Paging paging) {
        String query = q == null || q.isBlank() ? null : q.trim();
        if (query != null && query.length() > 500) {
            throw ApiException.invalid("q", "must be at most 500 characters");
        }
        // PostgreSQL text cannot hold U+0000; the query would fail in the database instead of here.
        if (query != null && query.indexOf('\u0000') >= 0) {
            throw ApiException.invalid("q", "must not contain NUL characters");
        }
        List<Paper> page = papers.listLive(query, paging.limit(), paging.offset());
        Map<String, List<String>> references = papers.references(page.stream().map(p -> p.id).toList());
        List<PaperView> items = page.stream()
                .map(p -> PaperView.from(p, references.getOrDefault(p.id, List.of()))).toList();
        return new PaperPage(items, paging.limit(), paging.offset(), papers.countLive(query));
    }

    private PaperView view(Paper paper) {
        return PaperView.from(paper, papers.references(List.of(paper.id)).getOrDefault(paper.id, List.of()));
    }

    /** Withdraws a paper; false when it does not exist. Withdrawing twice is harmless. */
    public boolean withdraw(String id) {
        Ids.requirePaperId("id", id);
        boolean found = papers.withdraw(id);
        if (found) {
            changes.fire(new PapersChanged(Set.of(), Set.of(id)));
        }
        return found;
    }

    /**
     * Upserts every valid record of a JSON Lines or JSON array body, committing chunk by chunk; invalid records
     * are reported with their line and skipped.
     */
    @Transactional(Transactional.TxType.NEVER)
    public ImportResult importPapers(InputStream body, boolean jsonLines) {
        ImportSink sink = new ImportSink();
        InputStream limited = BulkReader.limited(body, config.maxBodyBytes());
        long started = System.nanoTime();
        if (jsonLines) {
            BulkReader.readJsonLines(limited, config.maxLineLength(), mapper, sink);
        } else {
            BulkReader.readJson(limited, mapper, sink);
        }
        sink.flush();
        LOG.infof("Imported papers: %d created, %d updated, %d rejected in %d ms", sink.created, sink.updated,
                sink.rejected.count(), (System.nanoTime() - started) / 1_000_000);
        return new ImportResult(sink.created, sink.updated, sink.rejected.count(), sink.rejected.lines());
    }

    private final class ImportSink implements BulkReader.Sink {
        private final Map<String, PaperInput> chunk = new LinkedHashMap<>();
        private final RejectedLines rejected = new RejectedLines(config.maxReportedRejections());
        private long created;
        private long updated;

        @Override
        public void accept(long line, JsonNode record) {
            PaperInput input;
            try {
                input = mapper.treeToValue(record, PaperInput.class);
            } catch (JsonProcessingException e) {
                reject(line, JsonErrors.describe(e));
                return;
            }
            String problem = problems(input);
            if (problem != null) {
                reject(line, problem);
                return;
            }
            References.Checked checked = References.check(input);
            if (!checked.valid()) {
                reject(line, Problem.describe(checked.errors()));
                return;
            }
            input = checked.paper();
            // A repeated id within one statement would be an error; the later line wins, as in a sequence of PUTs.
            if (chunk.containsKey(input.id())) {
                flush();
            }
            chunk.put(input.id(), input);
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
            List<PaperInput> batch = List.copyOf(chunk.values());
            chunk.clear();
            Map<String, Boolean> outcome = QuarkusTransaction.requiringNew().call(() -> papers.upsert(batch));
            long inserted = outcome.values().stream().filter(Boolean::booleanValue).count();
            created += inserted;
            updated += outcome.size() - inserted;
            changes.fire(new PapersChanged(outcome.keySet(), Set.of()));
        }

        private String problems(PaperInput input) {
            if (input.id() == null) {
                return "id: is required";
            }
            Set<ConstraintViolation<PaperInput>> violations = validator.validate(input);
            if (violations.isEmpty()) {
                return null;
            }
            return violations.stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                    .sorted(Comparator.naturalOrder())
                    .collect(Collectors.joining("; "));
        }
    }
}
