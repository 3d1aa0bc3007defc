package dev.paperrec.common.api;

import dev.paperrec.common.error.ApiException;

import java.util.regex.Pattern;

/** The shapes of identifiers accepted on the wire, checked in one place for paths, bodies and bulk lines. */
public final class Ids {

    public static final int MAX_LENGTH = 128;
    /**
     * Paper ids such as arXiv {@code 2410.12345} or {@code hep-th/9901001}, but not {@code .} or {@code ..}: as for
     * user ids, a path segment of dots, even percent-encoded, is removed by URL normalisation, so no page or API path
     * could address such a paper.
     */
    public static final String PAPER_ID_REGEX = "(?!\\.\\.?$)[A-Za-z0-9._:/-]{1,128}";
    /** The rule as a problem states it. */
    public static final String PAPER_ID_RULE = "must be 1-128 characters of A-Z a-z 0-9 . _ : / -, not . or ..";
    private static final Pattern PAPER_ID = Pattern.compile(PAPER_ID_REGEX);

    private Ids() {
    }

    /** Returns the problem with a paper id, or null when it is valid. */
    public static String paperIdProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "is required";
        }
        if (!PAPER_ID.matcher(id).matches()) {
            return PAPER_ID_RULE;
        }
        return null;
    }

    /** Returns the problem with a user or event id (any printable text, 1-128 characters), or null. */
    public static String freeIdProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "is required";
        }
        if (id.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (id.isBlank()) {
            return "must not be blank";
        }
        if (id.equals(".") || id.equals("..")) {
            // A path segment of dots is removed by URL normalisation: such an id could never be addressed.
            return "must not be . or ..";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogate(id, i)) {
                return "must not contain control characters or broken Unicode";
            }
        }
        return null;
    }

    public static String requirePaperId(String field, String id) {
        String problem = paperIdProblem(id);
        if (problem != null) {
            throw ApiException.invalid(field, problem);
        }
        return id;
    }

    public static String requireUserId(String field, String id) {
        String problem = freeIdProblem(id);
        if (problem != null) {
            throw ApiException.invalid(field, problem);
        }
        return id;
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
