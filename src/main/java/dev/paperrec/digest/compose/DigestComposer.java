package dev.paperrec.digest.compose;

import dev.paperrec.digest.DigestConfig;
import dev.paperrec.digest.DigestRepository;
import dev.paperrec.paper.Paper;
import dev.paperrec.paper.PaperRepository;
import dev.paperrec.recommend.RecommendationService;
import dev.paperrec.recommend.RecommendationView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

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
 * dismissed, no paper twice, and in "For you" only papers published since their last digest (or undated).
 */
@ApplicationScoped
public class DigestComposer {

    static final int MAX_AUTHORS = 3;
    static final int SUMMARY_CHARS = 300;
    static final String NO_HISTORY_NOTE = "You have not read or upvoted anything yet, so this digest lists what "
            + "is trending. It becomes personal as soon as you read a few papers.";

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

    // A transaction rather than SUPPORTS: rounds compose on worker threads that have no request-scoped session.
    @Transactional
    public Digest compose(String userId) {
        Set<String> excluded = new HashSet<>(digests.receivedPapers(userId));
        LocalDate since = digests.lastSentAt(userId).map(t -> t.atZone(ZoneOffset.UTC).toLocalDate()).orElse(null);
        RecommendationView.Page hybrid = recommendations.recommend(userId,
                new RecommendationService.Query("hybrid", RecommendationService.MAX_LIMIT, 0, null, null));
        boolean personal = hybrid.items().stream().flatMap(i -> i.reasons().stream())
                .anyMatch(ReasonText::isPersonal);

        List<RecommendationView.Item> forYou = personal
                ? pick(hybrid.items(), excluded, since, config.forYouSize()) : List.of();
        forYou.forEach(i -> excluded.add(i.paperId()));
        RecommendationView.Page trendingPage = recommendations.recommend(userId,
                new RecommendationService.Query("trending", RecommendationService.MAX_LIMIT, 0, null, null));
        List<RecommendationView.Item> trending = pick(trendingPage.items(), excluded, null, config.trendingSize());

        Map<String, Paper> details = details(forYou, trending);
        List<Digest.Section> sections = new ArrayList<>(2);
        if (personal) {
            sections.add(new Digest.Section(Digest.FOR_YOU, "For you", null, entries(forYou, details)));
            sections.add(new Digest.Section(Digest.TRENDING, "Trending", null, entries(trending, details)));
        } else {
            sections.add(new Digest.Section(Digest.TRENDING, "Trending", NO_HISTORY_NOTE, entries(trending, details)));
        }
        return new Digest(userId, personal, sections);
    }

    private static List<RecommendationView.Item> pick(List<RecommendationView.Item> items, Set<String> excluded,
                                                      LocalDate since, int limit) {
        return items.stream()
                .filter(i -> !excluded.contains(i.paperId()))
                .filter(i -> since == null || i.publishedAt() == null || !i.publishedAt().isBefore(since))
                .limit(limit).toList();
    }

    private Map<String, Paper> details(List<RecommendationView.Item> forYou, List<RecommendationView.Item> trending) {
        List<String> ids = new ArrayList<>();
        forYou.forEach(i -> ids.add(i.paperId()));
        trending.forEach(i -> ids.add(i.paperId()));
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
