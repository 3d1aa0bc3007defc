package dev.paperrec.search;

import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The web-search syntax of {@code q}, as {@code GET /api/v1/papers?q=} reads it (PostgreSQL's
 * {@code websearch_to_tsquery}): words are all required, {@code "a phrase"} must appear as written, {@code a OR b}
 * takes either, {@code -word} excludes. Added: {@code author:}, {@code tag:}, {@code title:} and {@code abstract:}
 * restrict a word or phrase to one field. A prefix that is not a field name is part of the text, so a title such as
 * {@code Dropout: a simple way} searches as written. Lucene's own query syntax is not exposed: its wildcards,
 * fuzzy and range operators would let one query scan the whole vocabulary.
 */
public final class SearchSyntax {

    /** At most this many words, phrases and operators in one query. */
    static final int MAX_TERMS = 64;
    /** Where a word without a field is looked for, and how much a match there counts. */
    private static final Map<String, Float> TEXT_FIELDS = Map.of(
            PaperIndex.TITLE, 3f, PaperIndex.ABSTRACT, 1f, PaperIndex.AUTHOR, 2f, PaperIndex.TAG_TEXT, 2f);
    private static final Map<String, String> FIELD_NAMES = Map.of(
            "author", PaperIndex.AUTHOR, "tag", PaperIndex.TAG, "title", PaperIndex.TITLE,
            "abstract", PaperIndex.ABSTRACT);
    /** A title containing the query's words in their order ranks above one that merely contains them. */
    private static final float TITLE_PHRASE_BOOST = 5f;

    /** A query the syntax refuses; the message says why, for the client. */
    public static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    private record Term(String field, String text, boolean phrase, boolean negated) {
    }

    private final QueryBuilder builder;

    SearchSyntax(QueryBuilder builder) {
        this.builder = builder;
    }

    /** The Lucene query for {@code q}; {@link Refused} when it has nothing to find or is malformed. */
    public Query parse(String q) {
        List<List<Term>> groups = groups(tokens(q));
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean positive = false;
        StringBuilder plainWords = new StringBuilder();
        for (List<Term> group : groups) {
            BooleanQuery.Builder either = new BooleanQuery.Builder();
            int alternatives = 0;
            for (Term term : group) {
                Query one = termQuery(term);
                if (one == null) {
                    continue;
                }
                if (term.negated()) {
                    query.add(one, Occur.MUST_NOT);
                } else {
                    either.add(one, Occur.SHOULD);
                    alternatives++;
                }
            }
            if (alternatives > 0) {
                query.add(alternatives == 1 ? either.build().clauses().get(0).getQuery() : either.build(), Occur.MUST);
                positive = true;
            }
            if (group.size() == 1 && !group.get(0).negated() && group.get(0).field() == null) {
                plainWords.append(group.get(0).text()).append(' ');
            }
        }
        if (!positive) {
            throw new Refused("has no word to search for (only excluded or very common words)");
        }
        Query titlePhrase = builder.createPhraseQuery(PaperIndex.TITLE, plainWords.toString().trim(), 1);
        if (titlePhrase != null && plainWords.toString().trim().indexOf(' ') > 0) {
            query.add(new BoostQuery(titlePhrase, TITLE_PHRASE_BOOST), Occur.SHOULD);
        }
        return query.build();
    }

    private Query termQuery(Term term) {
        if (term.field() != null) {
            return fieldQuery(term.field(), term);
        }
        if (fieldQuery(PaperIndex.TITLE, term) == null) {
            // Only common words: names are not stop-filtered, and "a" would then have to match an author.
            return null;
        }
        BooleanQuery.Builder anyField = new BooleanQuery.Builder();
        int fields = 0;
        for (Map.Entry<String, Float> field : TEXT_FIELDS.entrySet()) {
            Query q = fieldQuery(field.getKey(), term);
            if (q != null) {
                anyField.add(new BoostQuery(q, field.getValue()), Occur.SHOULD);
                fields++;
            }
        }
        return fields == 0 ? null : anyField.build();
    }

    private Query fieldQuery(String field, Term term) {
        return term.phrase() ? builder.createPhraseQuery(field, term.text())
                : builder.createBooleanQuery(field, term.text(), Occur.MUST);
    }

    /** Splits into terms, with {@code null} standing for {@code OR}. */
    private static List<Term> tokens(String q) {
        List<Term> terms = new ArrayList<>();
        int i = 0;
        int n = q.length();
        while (i < n) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = false;
            if (c == '-' && i + 1 < n && !Character.isWhitespace(q.charAt(i + 1))) {
                negated = true;
                i++;
            }
            String field = null;
            int start = i;
            int colon = fieldEnd(q, i);
            if (colon > 0) {
                field = FIELD_NAMES.get(q.substring(i, colon).toLowerCase(Locale.ROOT));
                i = colon + 1;
                if (i >= n || Character.isWhitespace(q.charAt(i))) {
                    throw new Refused("'" + q.substring(start, colon + 1) + "' needs a word or a phrase after it");
                }
            }
            String text;
            boolean phrase = i < n && q.charAt(i) == '"';
            if (phrase) {
                int close = q.indexOf('"', i + 1);
                int end = close < 0 ? n : close;
                text = q.substring(i + 1, end);
                i = close < 0 ? n : close + 1;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(q.charAt(end))) {
                    end++;
                }
                text = q.substring(i, end);
                i = end;
            }
            if (field == null && !phrase && !negated && text.equals("OR")) {
                terms.add(null);
            } else if (!text.isBlank()) {
                terms.add(new Term(field, text, phrase, negated));
            }
            if (terms.size() > MAX_TERMS) {
                throw new Refused("has more than " + MAX_TERMS + " words and operators");
            }
        }
        return terms;
    }

    /** The colon's index when the text at {@code start} begins with a known field name and a colon, else -1. */
    private static int fieldEnd(String q, int start) {
        for (String name : FIELD_NAMES.keySet()) {
            int colon = start + name.length();
            if (colon < q.length() && q.charAt(colon) == ':' && q.regionMatches(true, start, name, 0, name.length())) {
                return colon;
            }
        }
        return -1;
    }

    /** Terms joined by {@code OR} form one group; consecutive groups are all required. */
    private static List<List<Term>> groups(List<Term> terms) {
        List<List<Term>> groups = new ArrayList<>();
        boolean pendingOr = false;
        for (int i = 0; i < terms.size(); i++) {
            Term term = terms.get(i);
            if (term == null) {
                if (groups.isEmpty() || pendingOr || i == terms.size() - 1) {
                    throw new Refused("OR needs a word or a phrase on each side");
                }
                pendingOr = true;
            } else if (pendingOr) {
                groups.get(groups.size() - 1).add(term);
                pendingOr = false;
            } else {
                groups.add(new ArrayList<>(List.of(term)));
            }
        }
        return groups;
    }
}
