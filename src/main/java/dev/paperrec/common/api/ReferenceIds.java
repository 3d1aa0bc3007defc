package dev.paperrec.common.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifiers of cited works, in the one form they are stored and compared in. A reference is a catalogue paper id,
 * {@code arXiv:2410.12345} (stored without its version suffix) or {@code doi:10.1145/...} (stored lower case, as
 * DOIs are case-insensitive). arXiv and DOI links ({@code https://arxiv.org/abs/...}, {@code https://doi.org/...})
 * are accepted and stored in the same form.
 */
public final class ReferenceIds {

    public static final int MAX_LENGTH = 300;
    public static final String ARXIV = "arXiv:";
    public static final String DOI = "doi:";

    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):(.*)", Pattern.DOTALL);
    private static final Pattern ARXIV_NEW = Pattern.compile("(\\d{4}\\.\\d{4,5})(v\\d+)?");
    private static final Pattern ARXIV_OLD = Pattern.compile("([a-z]+(?:-[a-z]+)*(?:\\.[A-Z]{2})?/\\d{7})(v\\d+)?");
    private static final Pattern DOI_BODY = Pattern.compile("10\\.\\d{4,9}/[\\x21-\\x7E]+");
    private static final Pattern ARXIV_LINK = Pattern.compile(
            "(?:www\\.)?(?:arxiv\\.org|huggingface\\.co)/(?:abs|pdf|papers)/(.+?)(?:\\.pdf)?/?");
    private static final Pattern DOI_LINK = Pattern.compile("(?:dx\\.)?doi\\.org/(.+)");

    private ReferenceIds() {
    }

    /** A reference in its stored form, or the reason it is refused. */
    public record Parsed(String id, String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    /** Parses one reference as a client sent it. */
    public static Parsed parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return refused("must not be blank");
        }
        String text = raw.strip();
        if (text.length() > MAX_LENGTH) {
            return refused("must be at most " + MAX_LENGTH + " characters");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return link(text);
        }
        Matcher scheme = SCHEME.matcher(text);
        if (scheme.matches()) {
            String name = scheme.group(1).toLowerCase(Locale.ROOT);
            if (name.equals("arxiv")) {
                return arxiv(scheme.group(2));
            }
            if (name.equals("doi")) {
                return doi(scheme.group(2));
            }
            return refused("'" + text + "' has the unknown scheme '" + scheme.group(1)
                    + ":'; use a catalogue paper id, arXiv:<id> or doi:<doi>");
        }
        String problem = Ids.paperIdProblem(text);
        if (problem != null) {
            return refused("'" + text + "' is neither a catalogue paper id (" + problem + ") nor arXiv:<id> or doi:<doi>");
        }
        return new Parsed(text, null);
    }

    /**
     * The reference forms under which other papers may cite this catalogue paper: its own id, and the arXiv id or
     * DOI that its id or its URL names.
     */
    public static Set<String> aliases(String paperId, String url) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(paperId);
        Parsed asReference = parse(paperId);
        if (asReference.valid()) {
            keys.add(asReference.id());
        }
        Matcher bare = ARXIV_NEW.matcher(paperId);
        Matcher bareOld = ARXIV_OLD.matcher(paperId);
        if (bare.matches()) {
            keys.add(ARXIV + bare.group(1));
        } else if (bareOld.matches()) {
            keys.add(ARXIV + bareOld.group(1));
        }
        if (url != null) {
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                Parsed fromLink = link(url.strip());
                if (fromLink.valid()) {
                    keys.add(fromLink.id());
                }
            }
        }
        return keys;
    }

    private static Parsed link(String text) {
        String rest = text.substring(text.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        if (slash > 0) {
            // Host names are case-insensitive, paths are not.
            rest = rest.substring(0, slash).toLowerCase(Locale.ROOT) + rest.substring(slash);
        }
        Matcher a = ARXIV_LINK.matcher(rest);
        if (a.matches()) {
            return arxiv(a.group(1));
        }
        Matcher d = DOI_LINK.matcher(rest);
        if (d.matches()) {
            return doi(decode(d.group(1)));
        }
        return refused("'" + text + "' is a link to neither arxiv.org nor doi.org; use a catalogue paper id, "
                + "arXiv:<id> or doi:<doi>");
    }

    private static Parsed arxiv(String body) {
        Matcher m = ARXIV_NEW.matcher(body);
        if (m.matches()) {
            return new Parsed(ARXIV + m.group(1), null);
        }
        m = ARXIV_OLD.matcher(body);
        if (m.matches()) {
            return new Parsed(ARXIV + m.group(1), null);
        }
        return refused("'" + body + "' is not an arXiv id such as arXiv:2410.12345 or arXiv:hep-th/9901001");
    }

    private static Parsed doi(String body) {
        if (!DOI_BODY.matcher(body).matches()) {
            return refused("'" + body + "' is not a DOI such as doi:10.1145/3292500.3330701");
        }
        return new Parsed(DOI + body.toLowerCase(Locale.ROOT), null);
    }

    /** doi.org links percent-encode the DOI; a literal '+' stays a '+'. */
    private static String decode(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }

    private static Parsed refused(String problem) {
        return new Parsed(null, problem);
    }
}
