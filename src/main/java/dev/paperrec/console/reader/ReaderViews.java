package dev.paperrec.console.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperrec.common.api.Ids;
import dev.paperrec.common.api.Paging;
import dev.paperrec.common.error.ApiException;
import dev.paperrec.console.ConsoleConfig;
import dev.paperrec.console.ConsoleQueries;
import dev.paperrec.console.RecentCount;
import dev.paperrec.interaction.EventService;
import dev.paperrec.interaction.EventView;
import dev.paperrec.interaction.IngestResult;
import dev.paperrec.paper.PaperService;
import dev.paperrec.paper.PaperView;
import dev.paperrec.recommend.RecommendationService;
import dev.paperrec.digest.subscription.Frequency;
import dev.paperrec.digest.subscription.SubscriptionInput;
import dev.paperrec.digest.subscription.SubscriptionService;
import dev.paperrec.digest.subscription.SubscriptionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the reader view shows, read through the same services the API answers from. */
@ApplicationScoped
public class ReaderViews {

    static final int LIST_SIZE = 10;
    static final int HISTORY_SIZE = 10;
    static final Set<String> ACTIONS = Set.of("upvote", "read", "dismiss");

    private final RecommendationService recommendations;
    private final EventService events;
    private final PaperService papers;
    /** The busiest readers, for picking: counted over all events, so at most once a minute. */
    private final RecentCount<List<String>> busiest;
    private final ObjectMapper mapper;
    private final SubscriptionService subscriptions;
    private final Validator validator;

    ReaderViews(RecommendationService recommendations, EventService events, PaperService papers,
                ConsoleQueries queries, ConsoleConfig config, ObjectMapper mapper, SubscriptionService subscriptions,
                Validator validator) {
        this.subscriptions = subscriptions;
        this.validator = validator;
        this.recommendations = recommendations;
        this.events = events;
        this.papers = papers;
        this.busiest = new RecentCount<>(() -> queries.busiestReaders(config.readersListed()));
        this.mapper = mapper;
    }

    /** One event of the reader's history, with the paper's title when it is still in the catalogue. */
    public record HistoryEntry(String paperId, String title, String type, Instant occurredAt) {
    }

    /** A list the reader view shows: its heading, what it says when empty, and its papers. */
    public record Section(String key, String heading, String empty, List<PaperCard> cards) {
    }

    /** Everything the reader view shows for one reader. */
    public record Reader(String userId, String modelVersion, List<Section> sections, List<HistoryEntry> history) {
    }

    public Reader reader(String userId) {
        Ids.requireUserId("userId", userId);
        // Papers are dated by day, and the service's days are UTC days (the API's since, the digest's periods).
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        var forYou = recommendations.recommend(userId, new RecommendationService.Query(null, LIST_SIZE, 0, null, null));
        var published = recommendations.recommend(userId,
                new RecommendationService.Query(null, LIST_SIZE, 0, today.toString(), null));
        JsonNode trending = tree(recommendations.trendingJson("P7D", LIST_SIZE));
        List<Section> sections = List.of(
                new Section("for-you", "For you", "Nothing to suggest yet.",
                        forYou.items().stream().map(PaperCard::recommended).toList()),
                new Section("new-today", "New today (" + today + ", UTC)", "No paper published today (UTC).",
                        // since admits later dates too: a paper dated ahead is not published today.
                        published.items().stream().filter(i -> today.equals(i.publishedAt()))
                                .map(PaperCard::recommended).toList()),
                new Section("trending", "Trending this week", "No activity this week.",
                        PaperCard.fromJson(trending, false)));
        return new Reader(userId, forYou.modelVersion(), sections, history(userId));
    }

    private List<HistoryEntry> history(String userId) {
        List<EventView> recent = events.history(userId, new Paging(HISTORY_SIZE, 0));
        Map<String, String> titles = new LinkedHashMap<>();
        for (EventView e : recent) {
            titles.computeIfAbsent(e.paperId(), id -> find(id).map(PaperView::title).orElse(id));
        }
        return recent.stream().map(e -> new HistoryEntry(e.paperId(), titles.get(e.paperId()),
                e.type().name().toLowerCase(Locale.ROOT), e.occurredAt())).toList();
    }

    /** Records a reader's action as the API's {@code POST /events} does. */
    public void act(String userId, String paperId, String type) {
        if (type == null || !ACTIONS.contains(type)) {
            throw ApiException.invalid("type", "must be upvote, read or dismiss");
        }
        Ids.requireUserId("userId", userId);
        Ids.requirePaperId("paperId", paperId);
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(Map.of("userId", userId, "paperId", paperId, "type", type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IngestResult result = events.ingest(new ByteArrayInputStream(body), EventService.Format.JSON).result();
        if (result.rejectedCount() > 0) {
            throw ApiException.invalid("paperId", result.rejected().get(0).error());
        }
    }

    /**
     * Subscribes a reader to a daily digest sent at the current UTC hour, as {@code PUT /subscription} does: the first
     * round sends the address its confirmation link, the next one after confirmation the digest.
     */
    public SubscriptionView subscribe(String userId, String email) {
        Ids.requireUserId("userId", userId);
        SubscriptionInput input = new SubscriptionInput(email == null ? null : email.strip(), Frequency.DAILY, "UTC",
                ZonedDateTime.now(ZoneOffset.UTC).getHour(), null);
        for (ConstraintViolation<SubscriptionInput> violation : validator.validate(input)) {
            throw ApiException.invalid(violation.getPropertyPath().toString(), violation.getMessage());
        }
        return subscriptions.subscribe(userId, input).subscription();
    }

    /** A paper, or empty when the catalogue has none of that id; withdrawn papers are {@code 410}. */
    public Optional<PaperView> find(String paperId) {
        if (Ids.paperIdProblem(paperId) != null) {
            return Optional.empty();
        }
        try {
            return papers.find(paperId);
        } catch (ApiException gone) {
            return Optional.empty();
        }
    }

    public List<PaperCard> similar(String paperId) {
        return PaperCard.fromJson(tree(recommendations.similarJson(paperId, null, LIST_SIZE)), true);
    }

    public List<String> readers() {
        return busiest.get(Instant.now()).value();
    }

    private JsonNode tree(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
