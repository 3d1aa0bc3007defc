package dev.paperrec.console.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.common.api.Ids;
import dev.paperrec.common.error.ApiException;
import dev.paperrec.console.ConsoleConfig;
import dev.paperrec.console.ConsoleQueries;
import dev.paperrec.console.RecentCount;
import dev.paperrec.console.outbox.Outbox;
import dev.paperrec.console.outbox.OutboxMessage;
import dev.paperrec.digest.DigestConfig;
import dev.paperrec.digest.link.LinkTokens;
import dev.paperrec.recommend.RecommendationService;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URLEncoder;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/** What the operator view shows, from the services the admin API answers from. */
@ApplicationScoped
public class OperatorViews {

    private static final Logger LOG = Logger.getLogger(OperatorViews.class);
    static final int DAYS = 30;
    static final int OUTBOX_LISTED = 20;
    /** How long a signed link to a message as mailed opens it: long enough to look, short if it leaks. */
    static final Duration VIEW_VALIDITY = Duration.ofMinutes(10);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final ConsoleQueries queries;
    private final RecommendationService recommendations;
    private final Outbox outbox;
    private final DigestConfig digestConfig;
    private final ConsoleConfig config;
    private final Scheduler scheduler;
    private final ObjectMapper mapper;
    /** The report uploaded last; until there is one, the configured file's, read when asked. */
    private final UploadedReport uploaded;
    /** Signed with the digests' link secret: any replica verifies a link another one made, also after a restart. */
    private final LinkTokens signed;
    private final RecentCount<Map<LocalDate, Long>> eventsPerDay;

    OperatorViews(ConsoleQueries queries, RecommendationService recommendations, Outbox outbox,
                  DigestConfig digestConfig, ConsoleConfig config, Scheduler scheduler, ObjectMapper mapper,
                  UploadedReport uploaded) {
        this.queries = queries;
        this.recommendations = recommendations;
        this.outbox = outbox;
        this.digestConfig = digestConfig;
        this.config = config;
        this.scheduler = scheduler;
        this.mapper = mapper;
        this.uploaded = uploaded;
        this.signed = new LinkTokens(digestConfig.tokenSecret(), VIEW_VALIDITY);
        this.eventsPerDay = new RecentCount<>(() -> queries.eventsPerDay(DAYS));
    }

    /** A name and a value of the model's description, nested names joined with dots. */
    public record Row(String name, String value) {
    }

    /** The digest side: outcomes so far, subscriptions, when the schedule runs next. */
    public record DigestState(long sent, long failed, long skipped, long unknown, long subscriptions,
                              String nextRound, String nextDue) {
    }

    /**
     * Everything the operator view shows. Readers are those of the loaded model ({@code readers} null before the
     * first build), as of its build; events per day as of {@code perDayAsOf}, counted at most once a minute.
     */
    public record Overview(ConsoleQueries.Counts counts, Integer readers, String readersAsOf, Charts.Bars perDay,
                           String perDayAsOf, List<Row> model, List<Row> blend, DigestState digests,
                           boolean outboxEnabled, List<OutboxMessage> outbox) {
    }

    /** The evaluation report and its charts (R@k, NDCG@k); {@code report} is null when there is none. */
    public record Evaluation(EvaluationReport report, List<Charts.Lines> charts) {
    }

    public Overview overview() {
        List<Row> model = new ArrayList<>();
        List<Row> blend = new ArrayList<>();
        Optional<RecommendationService.ModelInfo> loaded = recommendations.model();
        loaded.ifPresent(info -> {
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
        RecentCount.Counted<Map<LocalDate, Long>> perDay = eventsPerDay.get(Instant.now());
        return new Overview(queries.counts(), loaded.map(RecommendationService.ModelInfo::users).orElse(null),
                loaded.map(info -> MINUTE.format(info.builtAt())).orElse(null), Charts.perDay(perDay.value()),
                SECOND.format(perDay.at()), model, blend, digests, outbox.enabled(),
                outbox.enabled() ? outbox.latest(OUTBOX_LISTED) : List.of());
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
        EvaluationReport report = uploaded.latest().flatMap(this::parse).orElse(null);
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
        StringWriter body = new StringWriter();
        text.transferTo(body);
        UploadedReport.Upload upload = new UploadedReport.Upload(name == null || name.isBlank() ? "upload" : name,
                body.toString());
        EvaluationReport.read(upload.source(), new StringReader(upload.body()), mapper);
        uploaded.save(upload);
        return evaluation();
    }

    private Optional<EvaluationReport> parse(UploadedReport.Upload upload) {
        return readable(upload.source(), () -> new StringReader(upload.body()));
    }

    private Optional<EvaluationReport> fromFile(Path path) {
        return readable(path.toString(), () -> Files.newBufferedReader(path, StandardCharsets.UTF_8));
    }

    /** A report that cannot be read is logged and not shown: the page still answers. */
    private Optional<EvaluationReport> readable(String source, ReportText text) {
        try (Reader reader = text.open()) {
            return Optional.of(EvaluationReport.read(source, reader, mapper));
        } catch (IOException | ApiException e) {
            LOG.warnf("Evaluation report %s not shown: %s", source, e.getMessage());
            return Optional.empty();
        }
    }

    private interface ReportText {
        Reader open() throws IOException;
    }

    /** A signed link to a message of the outbox as mailed, for a frame. */
    public String outboxLink(long id) {
        return "/views/outbox/" + id + "?t=" + signed.view("outbox:" + id, Instant.now());
    }

    /** A signed link to a user's digest preview as it would be mailed, for a frame. */
    public String previewLink(String userId) {
        Ids.requireUserId("userId", userId);
        return "/views/digest?user=" + URLEncoder.encode(userId, StandardCharsets.UTF_8) + "&t="
                + signed.view("digest:" + userId, Instant.now());
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
        return signed.verifyView(token, subject, Instant.now());
    }
}
