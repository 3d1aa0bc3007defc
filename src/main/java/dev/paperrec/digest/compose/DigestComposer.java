package dev.paperrec.digest.compose;

import dev.paperrec.digest.DigestConfig;
import dev.paperrec.digest.DigestRepository;
import dev.paperrec.digest.subscription.Frequency;
import dev.paperrec.paper.Paper;
import dev.paperrec.paper.PaperRepository;
import dev.paperrec.recommend.RecommendationService;
import dev.paperrec.recommend.api.RecommendationView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Composes a reader's next digest from their recommendations: nothing they were sent before, read, upvoted or
 * dismissed, and no paper twice. "For you" is ranked from the papers published in the digest's period only (the
 * engine filters before it ranks, so the period's papers compete among themselves, not with the whole catalogue);
 * undated papers are never new. When fewer than a full section qualify, the section says so, and older papers fill
 * up a separate, labelled section.
 */
@ApplicationScoped
public class DigestComposer {

    static final int MAX_AUTHORS = 3;
    static final int SUMMARY_CHARS = 300;
    static final String NO_HISTORY_NOTE = "You have not read or upvoted anything yet, so this digest lists what "
            + "is trending. It becomes personal as soon as you read a few papers.";
    static final String MISSED_NOTE = "Older papers you have not seen yet.";

    private final RecommendationService recommendations;
    private final PaperRepository papers;
    private final DigestRepository digests;
    private final DigestConfig config;

    DigestComposer(RecommendationService recommendations, PaperRepository papers, DigestRepository digests,
                   DigestConfig config) {
        this.recommendations = recommendations;
        this.papers = papers;
        this.digests = digests;
        this.config = config;
    }

    /**
     * The digest due now for a reader who gets one every {@code frequency}: its period runs from the last digest
     * sent to them, or, for a first digest, back one period from {@code now}.
     */
    // A transaction rather than SUPPORTS: rounds compose on worker threads that have no request-scoped session.
    @Transactional
    public Digest compose(String userId, Frequency frequency, Instant now) {
        Set<String> excluded = new HashSet<>(digests.receivedPapers(userId));
        Instant periodStart = digests.lastSentAt(userId)
                .orElse(now.minus(frequency == Frequency.WEEKLY ? Duration.ofDays(7) : Duration.ofDays(1)));
        LocalDate since = periodStart.atZone(ZoneOffset.UTC).toLocalDate();
        RecommendationView.Page anyTime = hybrid(userId, null);
        boolean personal = anyTime.items().stream().anyMatch(DigestComposer::isPersonal);

        List<Digest.Section> sections = new ArrayList<>(3);
        List<RecommendationView.Item> forYou = List.of();
        List<RecommendationView.Item> missed = List.of();
        if (personal) {
            forYou = pick(hybrid(userId, since).items(), excluded, config.forYouSize());
            forYou.forEach(i -> excluded.add(i.paperId()));
            missed = pick(anyTime.items().stream().filter(i -> isOlder(i, since)).toList(), excluded,
                    config.forYouSize() - forYou.size());
            missed.forEach(i -> excluded.add(i.paperId()));
        }
        RecommendationView.Page trendingPage = recommendations.recommend(userId,
                new RecommendationService.Query("trending", RecommendationService.MAX_LIMIT, 0, null, null));
        List<RecommendationView.Item> trending = trendingPage.items().stream()
                .filter(i -> !excluded.contains(i.paperId())).limit(config.trendingSize()).toList();

        Map<String, Paper> details = details(forYou, missed, trending);
        if (personal) {
            sections.add(new Digest.Section(Digest.FOR_YOU, "For you", forYouNote(forYou.size(), since),
                    entries(forYou, details)));
            if (!missed.isEmpty()) {
                sections.add(new Digest.Section(Digest.MISSED, "You may have missed", MISSED_NOTE,
                        entries(missed, details)));
            }
            sections.add(new Digest.Section(Digest.TRENDING, "Trending", null, entries(trending, details)));
        } else {
            sections.add(new Digest.Section(Digest.TRENDING, "Trending", NO_HISTORY_NOTE, entries(trending, details)));
        }
        return new Digest(userId, personal, sections);
    }

    private RecommendationView.Page hybrid(String userId, LocalDate since) {
        return recommendations.recommend(userId, new RecommendationService.Query("hybrid",
                RecommendationService.MAX_LIMIT, 0, since == null ? null : since.toString(), null));
    }

    /** What "For you" says when it is not full: how many of the period's papers fit, and since when. */
    private String forYouNote(int found, LocalDate since) {
        if (found >= config.forYouSize()) {
            return null;
        }
        String day = Digest.DATE.format(since);
        return found == 0 ? "No paper published since " + day + " matches your reading yet."
                : found == 1 ? "Only one paper published since " + day + " matches your reading."
                : "Only " + found + " papers published since " + day + " match your reading.";
    }

    /** Papers recommended for the reader's own history (not trending backfill), not yet excluded. */
    private static List<RecommendationView.Item> pick(List<RecommendationView.Item> items, Set<String> excluded,
                                                      int limit) {
        return items.stream().filter(DigestComposer::isPersonal).filter(i -> !excluded.contains(i.paperId()))
                .limit(Math.max(0, limit)).toList();
    }

    private static boolean isPersonal(RecommendationView.Item item) {
        return item.reasons().stream().anyMatch(ReasonText::isPersonal);
    }

    private static boolean isOlder(RecommendationView.Item item, LocalDate since) {
        return item.publishedAt() == null || item.publishedAt().isBefore(since);
    }

    @SafeVarargs
    private Map<String, Paper> details(List<RecommendationView.Item>... lists) {
        List<String> ids = new ArrayList<>();
        for (List<RecommendationView.Item> list : lists) {
            list.forEach(i -> ids.add(i.paperId()));
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        return papers.list("id in ?1", ids).stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
    }

    private static List<Digest.Entry> entries(List<RecommendationView.Item> items, Map<String, Paper> details) {
        List<Digest.Entry> entries = new ArrayList<>(items.size());
        for (RecommendationView.Item item : items) {
            Paper p = details.get(item.paperId());
            if (p == null) {
                continue;
            }
            entries.add(new Digest.Entry(p.id, p.title, authors(p.authors), p.publishedAt, summary(p.abstractText),
                    ReasonText.describe(item.reasons()), p.url));
        }
        return entries;
    }

    /** The first three authors, then "et al."; null when the paper lists none. */
    static String authors(List<String> authors) {
        if (authors == null || authors.isEmpty()) {
            return null;
        }
        String first = String.join(", ", authors.subList(0, Math.min(MAX_AUTHORS, authors.size())));
        return authors.size() > MAX_AUTHORS ? first + " et al." : first;
    }

    /** The abstract cut at the last word boundary within {@value #SUMMARY_CHARS} characters, with an ellipsis. */
    static String summary(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= SUMMARY_CHARS) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', SUMMARY_CHARS);
        String head = flat.substring(0, cut > SUMMARY_CHARS / 2 ? cut : SUMMARY_CHARS);
        return head.replaceAll("[\\s,;:.\\-–—]+$", "") + "…";
    }
}
