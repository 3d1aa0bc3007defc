package dev.paperrec.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An RFC 9457 problem document; {@code errors} lists each offending field or line when there are several.
 * {@code error}, an extension member, repeats {@code detail} under {@link #SEMANTIC_SCHOLAR_PATHS}: clients of the
 * Semantic Scholar API read an error's message from there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
                      String error) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Where the service mirrors the Semantic Scholar Recommendations API. */
    public static final String SEMANTIC_SCHOLAR_PATHS = "/recommendations/v1/";

    /** A problem at {@code instance}, with the {@code error} member where the path asks for it. */
    public static Problem of(String title, int status, String detail, String instance, List<FieldError> errors) {
        return new Problem("about:blank", title, status, detail, instance, errors,
                carriesError(instance) ? detail : null);
    }

    /** Whether a problem at {@code path} (with or without its leading slash) carries the {@code error} member. */
    public static boolean carriesError(String path) {
        return path != null && ("/" + path).replace("//", "/").startsWith(SEMANTIC_SCHOLAR_PATHS);
    }

    /** One bad field ({@code field} is a JSON path or parameter name) or one bad line of a bulk body. */
    public record FieldError(String field, String message) {
    }

    /** The errors as one detail line: "field: message; field: message". */
    public static String describe(List<FieldError> errors) {
        return errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
    }
}
