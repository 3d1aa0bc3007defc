package dev.paperrec.recommend.content;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns paper text into terms: Lucene's English chain (standard tokenizer, possessives, lower case, English stop
 * words, Porter stemming). Author names become single whole-name terms so that they only match the same person.
 * Thread-safe: Lucene analysers reuse per-thread token streams.
 */
public final class TextAnalysis {

    static final String AUTHOR_PREFIX = "author:";

    private final Analyzer analyzer = new EnglishAnalyzer();

    public List<String> words(String text) {
        List<String> terms = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return terms;
        }
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                // Pure numbers (years, counts) say nothing about a topic.
                if (!isNumber(term)) {
                    terms.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    public List<String> authors(List<String> names) {
        List<String> terms = new ArrayList<>(names.size());
        for (String name : names) {
            String normalised = name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (!normalised.isEmpty()) {
                terms.add(AUTHOR_PREFIX + normalised);
            }
        }
        return terms;
    }

    private static boolean isNumber(CharTermAttribute term) {
        for (int i = 0; i < term.length(); i++) {
            if (!Character.isDigit(term.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
