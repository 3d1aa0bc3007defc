package dev.paperrec.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory BM25 index of the live catalogue: title, abstract, authors and tags. Writes are serialised and
 * visible to the next search once they return; searches run concurrently on a point-in-time view.
 */
public final class PaperIndex implements AutoCloseable {

    static final String ID = "id";
    static final String TITLE = "title";
    static final String ABSTRACT = "abstract";
    static final String AUTHOR = "author";
    /** Tags as written, lower-cased: {@code tag:machine-learning} matches that tag only. */
    static final String TAG = "tag";
    /** Tags as words, so that plain words find them too. */
    static final String TAG_TEXT = "tag_text";
    private static final String PUBLISHED = "published";
    private static final String PUBLISHED_DAY = "published_day";
    private static final String URL = "url";
    /** Keeps a phrase from matching across two authors or two tags. */
    private static final int VALUE_GAP = 100;
    private static final String[] HIGHLIGHTED = {TITLE, ABSTRACT};
    /** Matches are counted exactly up to here; beyond, {@code total} is a lower bound. */
    static final int COUNTED_MATCHES = 1_000;

    private final Analyzer analyzer = analyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final SearchSyntax syntax = new SearchSyntax(new QueryBuilder(analyzer));
    /** The version of each indexed paper, so that an older read never replaces a newer one. */
    private final Map<String, Instant> versions = new ConcurrentHashMap<>();

    public PaperIndex() {
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(64));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Search bounds beyond the query's words. */
    public record Filter(LocalDate from, LocalDate to) {
        public static final Filter NONE = new Filter(null, null);
    }

    /** Parses {@code q}: a {@link SearchSyntax.Refused} says why the syntax refuses it. */
    public Query parse(String q) {
        return syntax.parse(q);
    }

    public int size() {
        return versions.size();
    }

    /** The version of the paper as indexed, or null when it is not. */
    public Instant version(String id) {
        return versions.get(id);
    }

    /** Indexes papers (replacing older versions of them) and removes {@code gone}; visible when this returns. */
    public synchronized void apply(Collection<IndexedPaper> papers, Collection<String> gone) {
        try {
            for (IndexedPaper p : papers) {
                Instant known = versions.get(p.id());
                if (known != null && p.updatedAt() != null && p.updatedAt().isBefore(known)) {
                    continue;
                }
                writer.updateDocument(new Term(ID, p.id()), document(p));
                versions.put(p.id(), p.updatedAt() == null ? Instant.EPOCH : p.updatedAt());
            }
            for (String id : gone) {
                if (versions.remove(id) != null) {
                    writer.deleteDocuments(new Term(ID, id));
                }
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes everything, ahead of a full build. */
    public synchronized void clear() {
        try {
            writer.deleteAll();
            versions.clear();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The matches of {@code query} best first, {@code limit} of them after {@code offset}, with highlights. */
    public SearchPage search(Query query, Filter filter, int limit, int offset) {
        Query bounded = bounded(query, filter);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                // Counting every match would turn off the skipping of documents that cannot make the page.
                TopDocs top = searcher.search(bounded, new TopScoreDocCollectorManager(offset + limit,
                        Math.max(COUNTED_MATCHES, offset + limit)));
                ScoreDoc[] page = offset >= top.scoreDocs.length ? new ScoreDoc[0]
                        : Arrays.copyOfRange(top.scoreDocs, offset, Math.min(top.scoreDocs.length, offset + limit));
                Map<String, String[]> marked = highlights(searcher, query, page);
                List<SearchHit> hits = new ArrayList<>(page.length);
                for (int i = 0; i < page.length; i++) {
                    Document doc = searcher.storedFields().document(page[i].doc);
                    hits.add(hit(doc, page[i].score,
                            new SearchHit.Highlights(marked.get(TITLE)[i], marked.get(ABSTRACT)[i])));
                }
                return new SearchPage(hits, limit, offset, top.totalHits.value,
                        top.totalHits.relation == TotalHits.Relation.EQUAL_TO);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String[]> highlights(IndexSearcher searcher, Query query, ScoreDoc[] page) throws IOException {
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<b>", "</b>", " … ", true))
                .withHighlightPhrasesStrictly(true)
                .build();
        TopDocs pageDocs = new TopDocs(new TotalHits(page.length, TotalHits.Relation.EQUAL_TO), page);
        return highlighter.highlightFields(HIGHLIGHTED, query, pageDocs, new int[]{1, 2});
    }

    private static Query bounded(Query query, Filter filter) {
        if (filter.from() == null && filter.to() == null) {
            return query;
        }
        long from = filter.from() == null ? Long.MIN_VALUE : filter.from().toEpochDay();
        long to = filter.to() == null ? Long.MAX_VALUE : filter.to().toEpochDay();
        return new BooleanQuery.Builder().add(query, Occur.MUST)
                .add(LongPoint.newRangeQuery(PUBLISHED_DAY, from, to), Occur.FILTER).build();
    }

    private static SearchHit hit(Document doc, float score, SearchHit.Highlights highlights) {
        String published = doc.get(PUBLISHED);
        return new SearchHit(doc.get(ID), doc.get(TITLE), List.of(doc.getValues(AUTHOR)),
                published == null ? null : LocalDate.parse(published), List.of(doc.getValues(TAG)), doc.get(URL),
                score, highlights.title() == null && highlights.abstractText() == null ? null : highlights);
    }

    private static Document document(IndexedPaper p) {
        Document doc = new Document();
        doc.add(new StringField(ID, p.id(), Field.Store.YES));
        doc.add(new TextField(TITLE, p.title(), Field.Store.YES));
        doc.add(new TextField(ABSTRACT, p.abstractText(), Field.Store.YES));
        for (String author : p.authors()) {
            doc.add(new TextField(AUTHOR, author, Field.Store.YES));
        }
        for (String tag : p.tags()) {
            doc.add(new TextField(TAG, tag, Field.Store.YES));
            doc.add(new TextField(TAG_TEXT, tag, Field.Store.NO));
        }
        if (p.publishedAt() != null) {
            doc.add(new StoredField(PUBLISHED, p.publishedAt().toString()));
            doc.add(new LongPoint(PUBLISHED_DAY, p.publishedAt().toEpochDay()));
        }
        if (p.url() != null) {
            doc.add(new StoredField(URL, p.url()));
        }
        return doc;
    }

    /** English stemming for text; names folded to ASCII but not stemmed; tags whole. */
    private static Analyzer analyzer() {
        Analyzer names = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                StandardTokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
            }

            @Override
            public int getPositionIncrementGap(String field) {
                return VALUE_GAP;
            }
        };
        Analyzer wholeValues = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                KeywordTokenizer source = new KeywordTokenizer();
                return new TokenStreamComponents(source, new LowerCaseFilter(source));
            }
        };
        Analyzer english = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream words = new StopFilter(new LowerCaseFilter(new EnglishPossessiveFilter(source)),
                        EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                return new TokenStreamComponents(source, new PorterStemFilter(new ASCIIFoldingFilter(words)));
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return new LowerCaseFilter(in);
            }

            @Override
            public int getPositionIncrementGap(String field) {
                return VALUE_GAP;
            }
        };
        return new PerFieldAnalyzerWrapper(english, Map.of(AUTHOR, names, TAG, wholeValues));
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }
}
