package dev.paperrec.console.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.common.api.Ids;
import dev.paperrec.common.error.ApiException;
import dev.paperrec.console.ConsoleConfig;
import dev.paperrec.console.ConsoleQueries;
import dev.paperrec.console.outbox.Outbox;
import dev.paperrec.console.outbox.OutboxMessage;
import dev.paperrec.digest.DigestConfig;
import dev.paperrec.recommend.RecommendationService;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URLEncoder;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/** What the operator view shows, from the services the admin API answers from. */
@ApplicationScoped
public class OperatorViews {

    private static final Logger LOG = Logger.getLogger(OperatorViews.class);
    static final int DAYS = 30;
    static final int OUTBOX_LISTED = 20;
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final ConsoleQueries queries;
    private final RecommendationService recommendations;
    private final Outbox outbox;
    private final DigestConfig digestConfig;
    private final ConsoleConfig config;
    private final Scheduler scheduler;
    private final ObjectMapper mapper;
    private final SignedViews signed = new SignedViews();
    /** The report uploaded last; until then the configured file's, read when asked. */
    private final AtomicReference<EvaluationReport> uploaded = new AtomicReference<>();

    OperatorViews(ConsoleQueries queries, RecommendationService recommendations, Outbox outbox,
                  DigestConfig digestConfig, ConsoleConfig config, Scheduler scheduler, ObjectMapper mapper) {
        this.queries = queries;
        this.recommendations = recommendations;
        this.outbox = outbox;
        this.digestConfig = digestConfig;
        this.config = config;
        this.scheduler = scheduler;
        this.mapper = mapper;
    }

    /** A name and a value of the model's description, nested names joined with dots. */
    public record Row(String name, String value) {
    }

    /** The digest side: outcomes so far, subscriptions, when the schedule runs next. */
    public record DigestState(long sent, long failed, long skipped, long unknown, long subscriptions,
                              String nextRound, String nextDue) {
    }

    /** Everything the operator view shows. */
    public record Overview(ConsoleQueries.Counts counts, Charts.Bars perDay, List<Row> model, List<Row> blend,
                           DigestState digests, boolean outboxEnabled, List<OutboxMessage> outbox) {
    }

    /** The evaluation report and its charts (R@k, NDCG@k); {@code report} is null when there is none. */
    public record Evaluation(EvaluationReport report, List<Charts.Lines> charts) {
    }

    public Overview overview() {
        List<Row> model = new ArrayList<>();
        List<Row> blend = new ArrayList<>();
        recommendations.model().ifPresent(info -> {
            JsonNode tree = mapper.valueToTree(info);
            for (Iterator<Map.Entry<String, JsonNode>> fields = tree.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(field.getKey(), field.getValue(), field.getKey().equals("blend") ? blend : model);
            }
        });
        var digestCounts = queries.digests();
        Map<String, Long> by = digestCounts.byStatus();
        DigestState digests = new DigestState(by.getOrDefault("SENT", 0L), by.getOrDefault("FAILED", 0L),
                by.getOrDefault("SKIPPED", 0L), by.getOrDefault("UNKNOWN", 0L), digestCounts.subscriptions(),
                nextRound(), digestCounts.nextDue().map(Instant::toString).orElse("none"));
        return new Overview(queries.counts(), Charts.perDay(queries.eventsPerDay(DAYS)), model, blend, digests,
                outbox.enabled(), outbox.enabled() ? outbox.latest(OUTBOX_LISTED) : List.of());
    }

    private String nextRound() {
        if (!digestConfig.schedulerEnabled()) {
            return "not on this replica (paperrec.digest.scheduler-enabled=false)";
        }
        return scheduler.getScheduledJobs().stream()
                .filter(t -> t.getMethodDescription() != null && t.getMethodDescription().contains("DigestScheduler"))
                .map(Trigger::getNextFireTime).filter(Objects::nonNull).findFirst()
                .map(Instant::toString).orElse("every " + digestConfig.pollInterval());
    }

    private static void flatten(String name, JsonNode value, List<Row> rows) {
        if (value.isObject()) {
            value.fields().forEachRemaining(f -> flatten(name + "." + f.getKey(), f.getValue(), rows));
        } else if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.isValueNode() ? v.asText() : v.toString()));
            rows.add(new Row(name, String.join(", ", items)));
        } else if (!value.isNull()) {
            rows.add(new Row(name, value.asText()));
        }
    }

    public Evaluation evaluation() {
        EvaluationReport report = uploaded.get();
        if (report == null && config.evaluationReport().isPresent()) {
            report = fromFile(config.evaluationReport().get()).orElse(null);
        }
        if (report == null) {
            return new Evaluation(null, List.of());
        }
        return new Evaluation(report, List.of(Charts.perCutoff("Recall@k", report, true),
                Charts.perCutoff("NDCG@k", report, false)));
    }

    /** Takes an uploaded report as the one shown; a malformed one is a 400 and the previous one stays. */
    public Evaluation upload(String name, Reader text) throws IOException {
        uploaded.set(EvaluationReport.read(name == null || name.isBlank() ? "upload" : name, text, mapper));
        return evaluation();
    }

    private Optional<EvaluationReport> fromFile(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return Optional.of(EvaluationReport.read(path.toString(), reader, mapper));
        } catch (IOException | ApiException e) {
            LOG.warnf("Evaluation report %s not shown: %s", path, e.getMessage());
            return Optional.empty();
        }
    }

    /** A signed link to a message of the outbox as mailed, for a frame. */
    public String outboxLink(long id) {
        return "/views/outbox/" + id + "?t=" + signed.sign("outbox:" + id, Instant.now());
    }

    /** A signed link to a user's digest preview as it would be mailed, for a frame. */
    public String previewLink(String userId) {
        Ids.requireUserId("userId", userId);
        return "/views/digest?user=" + URLEncoder.encode(userId, StandardCharsets.UTF_8) + "&t="
                + signed.sign("digest:" + userId, Instant.now());
    }

    /**
     * The web links of a message's text part, to open from the console: the framed HTML part is sandboxed, so a
     * confirmation link clicked there could not submit its form.
     */
    static List<String> links(String text) {
        if (text == null) {
            return List.of();
        }
        return LINK.matcher(text).results().map(MatchResult::group).distinct().toList();
    }

    boolean verify(String subject, String token) {
        return signed.verify(subject, token, Instant.now());
    }
}
