package dev.paperrec.interaction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.common.api.BulkReader;
import dev.paperrec.common.api.Ids;
import dev.paperrec.common.api.IngestConfig;
import dev.paperrec.common.api.Paging;
import dev.paperrec.common.error.JsonErrors;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@ApplicationScoped
@Transactional
public class EventService {

    private static final Logger LOG = Logger.getLogger(EventService.class);

    /** The body formats {@code POST /events} reads. */
    public enum Format { JSON, JSON_LINES, CSV }

    /** The answer to a batch, and whether the body held one bare object (which gets single-event semantics). */
    public record Outcome(IngestResult result, boolean singleObject) {
    }

    private final InteractionRepository events;
    private final ObjectMapper mapper;
    private final IngestConfig config;
    private final Event<EventsRecorded> recorded;
    private final Map<EventType, Counter> accepted = new EnumMap<>(EventType.class);
    private final Counter duplicates;
    private final Counter rejected;

    EventService(InteractionRepository events, ObjectMapper mapper, IngestConfig config,
                 Event<EventsRecorded> recorded, MeterRegistry registry) {
        this.events = events;
        this.mapper = mapper;
        this.config = config;
        this.recorded = recorded;
        for (EventType type : EventType.values()) {
            accepted.put(type, Counter.builder("paperrec.events.accepted").tag("type", type.wireName())
                    .description("Events committed, by type").register(registry));
        }
        duplicates = Counter.builder("paperrec.events.duplicates")
                .description("Events whose eventId was already stored").register(registry);
        rejected = Counter.builder("paperrec.events.rejected")
                .description("Events refused as invalid or naming an unknown paper").register(registry);
    }

    /** Stores every valid event of the body, chunk by chunk; returns once every accepted event is committed. */
    @Transactional(Transactional.TxType.NEVER)
    public Outcome ingest(InputStream body, Format format) {
        Batch batch = new Batch(Instant.now());
        InputStream limited = BulkReader.limited(body, config.maxBodyBytes());
        boolean single = false;
        switch (format) {
            case CSV -> CsvEvents.read(limited, config.maxLineLength(), batch);
            case JSON_LINES -> BulkReader.readJsonLines(limited, config.maxLineLength(), mapper, batch.json());
            case JSON -> single = BulkReader.readJson(limited, mapper, batch.json());
        }
        batch.flush();
        batch.rejected.sort(Comparator.comparingLong(IngestResult.RejectedEvent::line));
        if (batch.total > config.chunkSize()) {
            LOG.infof("Ingested %d events: %d accepted, %d duplicates, %d rejected", batch.total, batch.accepted,
                    batch.duplicates, batch.rejectedCount);
        }
        return new Outcome(new IngestResult(batch.accepted, batch.duplicates, batch.rejectedCount, batch.rejected),
                single);
    }

    /**
     * Stores events the service observed itself (a digest click), in the caller's transaction: the checks and the
     * per-user idempotency of an import, without a body to parse. Events on papers withdrawn meanwhile are dropped.
     *
     * @return how many were stored (replayed event ids are not)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long record(List<EventInput> observed) {
        if (observed.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        List<EventInput> valid = new ArrayList<>(observed.size());
        for (EventInput e : observed) {
            String problem = e.problem(now);
            if (problem != null) {
                throw new IllegalArgumentException("Observed event refused: " + problem);
            }
            valid.add(e.withDefaults(now));
        }
        InteractionRepository.Stored stored = events.insert(valid);
        afterInsert(valid, stored);
        return stored.accepted();
    }

    /**
     * Meters what an insert stored and tells the models (after commit, or at once outside a transaction).
     *
     * @return how many of {@code sent} were replays of stored event ids
     */
    private long afterInsert(List<EventInput> sent, InteractionRepository.Stored stored) {
        long inserted = stored.accepted();
        long replays = sent.size() - stored.unknownPaper().size() - inserted;
        duplicates.increment(replays);
        stored.acceptedByType().forEach((type, n) -> accepted.get(type).increment(n));
        if (inserted > 0) {
            Set<String> users = new HashSet<>();
            sent.forEach(e -> users.add(e.userId()));
            recorded.fire(new EventsRecorded(users, inserted));
        }
        return replays;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EventView> history(String userId, Paging paging) {
        Ids.requireUserId("userId", userId);
        return events.history(userId, paging.limit(), paging.offset()).stream().map(Interaction::view).toList();
    }

    private final class Batch implements CsvEvents.Sink {
        private final Instant now;
        private final Map<Object, EventInput> chunk = new LinkedHashMap<>();
        private final List<IngestResult.RejectedEvent> rejected = new ArrayList<>();
        private final Map<EventInput, Long> lines = new IdentityHashMap<>();
        private long total;
        private long accepted;
        private long duplicates;
        private long rejectedCount;

        Batch(Instant now) {
            this.now = now;
        }

        BulkReader.Sink json() {
            return new BulkReader.Sink() {
                @Override
                public void accept(long line, JsonNode record) {
                    try {
                        Batch.this.accept(line, mapper.treeToValue(record, EventInput.class));
                    } catch (JsonProcessingException e) {
                        Batch.this.reject(line, JsonErrors.describe(e));
                    }
                }

                @Override
                public void reject(long line, String error) {
                    Batch.this.reject(line, error);
                }
            };
        }

        @Override
        public void accept(long line, EventInput event) {
            total++;
            String problem = event.problem(now);
            if (problem != null) {
                rejectCounted(line, problem);
                return;
            }
            EventInput complete = event.withDefaults(now);
            // Events without an eventId are all distinct; a user's repeated eventId within a chunk is a duplicate.
            Object key = complete.eventId() != null ? List.of(complete.userId(), complete.eventId()) : new Object();
            if (chunk.putIfAbsent(key, complete) != null) {
                duplicates++;
                EventService.this.duplicates.increment();
                return;
            }
            lines.put(complete, line);
            if (chunk.size() >= config.chunkSize()) {
                flush();
            }
        }

        @Override
        public void reject(long line, String error) {
            total++;
            rejectCounted(line, error);
        }

        private void rejectCounted(long line, String error) {
            rejectedCount++;
            EventService.this.rejected.increment();
            if (rejected.size() < config.maxReportedRejections()) {
                rejected.add(new IngestResult.RejectedEvent(line, error));
            }
        }

        void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            List<EventInput> pending = List.copyOf(chunk.values());
            chunk.clear();
            InteractionRepository.Stored stored = QuarkusTransaction.requiringNew().call(() -> events.insert(pending));
            for (EventInput unknown : stored.unknownPaper()) {
                rejectCounted(lines.get(unknown), "paperId: paper '" + unknown.paperId()
                        + "' does not exist or has been withdrawn");
            }
            accepted += stored.accepted();
            duplicates += afterInsert(pending, stored);
            lines.clear();
        }
    }
}
