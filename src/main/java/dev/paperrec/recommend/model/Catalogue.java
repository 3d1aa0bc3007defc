package dev.paperrec.recommend.model;

import dev.paperrec.recommend.RecommendationSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The papers of a model by dense index: the built catalogue sorted by id (so index order is id order and ties
 * break by id for free), then papers added after the build in arrival order.
 */
public final class Catalogue implements RecommendationSource.PaperNames {

    private final String[] ids;
    private final String[] titles;
    private final LocalDate[] published;
    private final long[] upvotes;
    private final List<String>[] tags;
    private final Map<String, Integer> index;
    private final List<PaperRecord> added;
    private final Map<String, Integer> addedIndex;

    @SuppressWarnings("unchecked")
    Catalogue(List<PaperRecord> sorted) {
        int n = sorted.size();
        ids = new String[n];
        titles = new String[n];
        published = new LocalDate[n];
        upvotes = new long[n];
        tags = new List[n];
        index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            PaperRecord p = sorted.get(i);
            ids[i] = p.id();
            titles[i] = p.title();
            published[i] = p.publishedAt();
            upvotes[i] = p.upvotes();
            tags[i] = p.tags();
            index.put(p.id(), i);
        }
        added = List.of();
        addedIndex = Map.of();
    }

    private Catalogue(Catalogue base, List<PaperRecord> added, Map<String, Integer> addedIndex) {
        ids = base.ids;
        titles = base.titles;
        published = base.published;
        upvotes = base.upvotes;
        tags = base.tags;
        index = base.index;
        this.added = added;
        this.addedIndex = addedIndex;
    }

    public Catalogue withPaper(PaperRecord paper) {
        List<PaperRecord> a = new ArrayList<>(added);
        a.add(paper);
        Map<String, Integer> ai = new HashMap<>(addedIndex);
        ai.put(paper.id(), ids.length + added.size());
        return new Catalogue(this, List.copyOf(a), Map.copyOf(ai));
    }

    public int builtSize() {
        return ids.length;
    }

    public int size() {
        return ids.length + added.size();
    }

    /** Index of a paper, or -1 when the model does not know it. */
    public int indexOf(String id) {
        Integer i = index.get(id);
        if (i == null) {
            i = addedIndex.get(id);
        }
        return i == null ? -1 : i;
    }

    public String id(int paper) {
        return paper < ids.length ? ids[paper] : added.get(paper - ids.length).id();
    }

    public String title(int paper) {
        return paper < ids.length ? titles[paper] : added.get(paper - ids.length).title();
    }

    public LocalDate publishedAt(int paper) {
        return paper < ids.length ? published[paper] : added.get(paper - ids.length).publishedAt();
    }

    public boolean hasAnyTag(int paper, Set<String> wanted) {
        List<String> own = paper < ids.length ? tags[paper] : added.get(paper - ids.length).tags();
        for (String t : own) {
            if (wanted.contains(t)) {
                return true;
            }
        }
        return false;
    }

    LocalDate[] builtPublished() {
        return published;
    }

    long[] builtUpvotes() {
        return upvotes;
    }

    /** Ties between equal scores go to the smaller id. */
    public int compareIds(int a, int b) {
        return a < ids.length && b < ids.length ? Integer.compare(a, b) : id(a).compareTo(id(b));
    }
}
