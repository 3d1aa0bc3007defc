package dev.paperrec.recommend.semanticscholar;

import dev.paperrec.common.api.Paging;
import dev.paperrec.common.api.ReferenceIds;
import dev.paperrec.common.error.ApiException;
import dev.paperrec.paper.Paper;
import dev.paperrec.paper.PaperRepository;
import dev.paperrec.recommend.RecommendationService;
import dev.paperrec.recommend.api.RecommendationView;
import dev.paperrec.recommend.semanticscholar.SemanticScholarView.Author;
import dev.paperrec.recommend.semanticscholar.SemanticScholarView.PaperLists;
import dev.paperrec.recommend.semanticscholar.SemanticScholarView.RecommendedPapers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Semantic Scholar Recommendations API over the engine: its requests become list requests of
 * {@link RecommendationService#fromLists} (positive ids as upvotes, negative ones as dismissals), so both APIs rank
 * the same ids the same way; answers are that API's paper objects, with the fields asked for.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SemanticScholarService {

    /** That API's default and largest {@code limit}. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    /** That API's pools; the catalogue is one pool, so either is the whole catalogue. */
    private static final Set<String> POOLS = Set.of("recent", "all-cs");
    /** That API's id prefixes the catalogue cannot resolve: reported as such rather than as merely unknown. */
    private static final Set<String> UNSUPPORTED_PREFIXES = Set.of("corpusid", "mag", "acl", "pmid", "pmcid");
    private static final String URL_PREFIX = "url:";

    private final RecommendationService recommendations;
    private final PaperRepository papers;

    SemanticScholarService(RecommendationService recommendations, PaperRepository papers) {
        this.recommendations = recommendations;
        this.papers = papers;
    }

    public RecommendedPapers fromLists(PaperLists body, String limit, String fields) {
        PaperFields wanted = PaperFields.parse(fields);
        int size = Paging.parse("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        if (body == null) {
            throw ApiException.invalid("positivePaperIds", "a JSON body {\"positivePaperIds\": [...]} is required");
        }
        List<String> positive = ids("positivePaperIds", body.positivePaperIds());
        List<String> negative = ids("negativePaperIds", body.negativePaperIds());
        if (positive.isEmpty()) {
            throw ApiException.invalid("positivePaperIds", "needs at least one paper id");
        }
        if (positive.size() + negative.size() > RecommendationService.MAX_LIST_IDS) {
            throw ApiException.invalid("positivePaperIds", "positivePaperIds and negativePaperIds hold at most "
                    + RecommendationService.MAX_LIST_IDS + " ids together, got " + (positive.size() + negative.size()));
        }
        return recommend(positive, negative, size, wanted);
    }

    /** Papers like one paper: a list request with that paper as its only positive id. */
    public RecommendedPapers forPaper(String paperId, String limit, String pool, String fields) {
        PaperFields wanted = PaperFields.parse(fields);
        int size = Paging.parse("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        if (pool != null && !POOLS.contains(pool)) {
            throw ApiException.invalid("from", "must be recent or all-cs (both mean the whole catalogue here), got '"
                    + pool + "'");
        }
        return recommend(ids("paper_id", List.of(paperId)), List.of(), size, wanted);
    }

    /**
     * The ids as the engine takes them: that API's {@code ARXIV:} and {@code DOI:} prefixes are the catalogue's
     * {@code arXiv:} and {@code doi:} in any case already; a {@code URL:} prefix is dropped, leaving the link.
     */
    private static List<String> ids(String field, List<String> given) {
        if (given == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(given.size());
        for (String id : given) {
            if (id == null || id.isBlank()) {
                throw ApiException.invalid(field, "ids must not be null or blank");
            }
            ids.add(id.strip());
        }
        return ids;
    }

    private static String engineId(String id) {
        return id.regionMatches(true, 0, URL_PREFIX, 0, URL_PREFIX.length()) ? id.substring(URL_PREFIX.length()) : id;
    }

    private RecommendedPapers recommend(List<String> positive, List<String> negative, int size, PaperFields wanted) {
        Map<String, String> given = new HashMap<>();
        Function<String, String> toEngine = id -> {
            String engine = engineId(id);
            given.putIfAbsent(engine, id);
            return engine;
        };
        List<String> enginePositive = positive.stream().map(toEngine).toList();
        List<String> engineNegative = negative.stream().map(toEngine).toList();
        RecommendationView.FromLists answer = recommendations.fromLists(new RecommendationService.ListQuery(
                enginePositive, engineNegative, null, size, null, null, null), MAX_LIMIT);
        Set<String> unknown = new HashSet<>(answer.unknownIds());
        if (unknown.containsAll(enginePositive)) {
            // A list of positive ids none of which is known would be answered with trending papers: refused instead.
            throw new ApiException(404, "Not Found", enginePositive.stream().distinct()
                    .map(id -> why(given.get(id), id)).collect(Collectors.joining("; ")));
        }
        List<String> unknownGiven = answer.unknownIds().stream().map(id -> given.getOrDefault(id, id)).toList();
        return new RecommendedPapers(render(answer.items(), wanted), unknownGiven);
    }

    /** Why a positive id found no paper, in words. */
    private static String why(String given, String engineId) {
        ReferenceIds.Parsed parsed = ReferenceIds.parse(engineId);
        if (parsed.valid()) {
            return "Paper '" + given + "' is not in the catalogue";
        }
        int colon = given.indexOf(':');
        if (colon > 0 && UNSUPPORTED_PREFIXES.contains(given.substring(0, colon).toLowerCase(Locale.ROOT))) {
            return "Paper '" + given + "': " + given.substring(0, colon) + " ids are not supported; use a catalogue "
                    + "id, ARXIV:<id>, DOI:<doi> or URL:<an arxiv.org or doi.org link>";
        }
        // Most refusals quote the id already; the others (blank, too long) name no id.
        return parsed.problem().startsWith("'") ? "Paper " + parsed.problem()
                : "Paper id " + parsed.problem();
    }

    private List<Map<String, Object>> render(List<RecommendationView.Item> items, PaperFields wanted) {
        List<String> ids = items.stream().map(RecommendationView.Item::paperId).toList();
        Map<String, Paper> rows = new HashMap<>();
        if (wanted.needsCatalogue() && !ids.isEmpty()) {
            papers.list("id in ?1", ids).forEach(p -> rows.put(p.id, p));
        }
        Map<String, PaperRepository.ReferenceCount> references = wanted.has("referenceCount") && !ids.isEmpty()
                ? papers.referenceCounts(ids) : Map.of();
        List<Map<String, Object>> rendered = new ArrayList<>(items.size());
        for (RecommendationView.Item item : items) {
            Paper row = rows.get(item.paperId());
            Map<String, Object> paper = new LinkedHashMap<>();
            for (String name : PaperFields.SERVED) {
                if (wanted.has(name)) {
                    paper.put(name, value(name, item, row, references));
                }
            }
            for (String name : PaperFields.NOT_HELD) {
                if (wanted.has(name)) {
                    paper.put(name, null);
                }
            }
            rendered.add(paper);
        }
        return rendered;
    }

    private static Object value(String name, RecommendationView.Item item, Paper row,
                                Map<String, PaperRepository.ReferenceCount> references) {
        return switch (name) {
            case "paperId" -> item.paperId();
            case "title" -> item.title();
            case "year" -> item.publishedAt() == null ? null : item.publishedAt().getYear();
            case "publicationDate" -> item.publishedAt();
            case "referenceCount" -> {
                PaperRepository.ReferenceCount count = references.get(item.paperId());
                yield count == null ? 0 : count.count();
            }
            case "abstract" -> row == null ? null : row.abstractText;
            case "url" -> row == null ? null : row.url;
            case "authors" -> row == null || row.authors == null ? List.of()
                    : row.authors.stream().map(a -> new Author(null, a)).toList();
            case "externalIds" -> row == null ? Map.of() : externalIds(row);
            default -> throw new IllegalArgumentException("Not a served field: " + name);
        };
    }

    /** The arXiv id and DOI that the paper's id or URL names, under that API's keys. */
    static Map<String, String> externalIds(Paper paper) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String alias : ReferenceIds.aliases(paper.id, paper.url)) {
            if (alias.startsWith(ReferenceIds.ARXIV)) {
                ids.putIfAbsent("ArXiv", alias.substring(ReferenceIds.ARXIV.length()));
            } else if (alias.startsWith(ReferenceIds.DOI)) {
                ids.putIfAbsent("DOI", alias.substring(ReferenceIds.DOI.length()));
            }
        }
        return ids;
    }
}
