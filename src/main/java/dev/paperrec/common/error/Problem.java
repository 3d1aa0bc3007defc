package dev.paperrec.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.stream.Collectors;

/** An RFC 9457 problem document; {@code errors} lists each offending field or line when there are several. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One bad field ({@code field} is a JSON path or parameter name) or one bad line of a bulk body. */
    public record FieldError(String field, String message) {
    }

    /** The errors as one detail line: "field: message; field: message". */
    public static String describe(List<FieldError> errors) {
        return errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
    }
}
