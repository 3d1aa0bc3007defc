package dev.paperrec.common.error;

import java.util.List;

/** A failure the client can act on, carried to the problem+json mapper with its HTTP status. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, null, null);
    }

    public ApiException(int status, String title, String detail, List<Problem.FieldError> errors,
                        Integer retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "Not Found", what + " '" + id + "' does not exist");
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad Request", detail);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    /** 400 naming every bad field. */
    public static ApiException invalid(List<Problem.FieldError> errors) {
        return new ApiException(400, "Bad Request", Problem.describe(errors), errors, null);
    }

    public static ApiException payloadTooLarge(long limitBytes) {
        return new ApiException(413, "Payload Too Large",
                "The request body exceeds the limit of " + limitBytes + " bytes");
    }

    public static ApiException unavailable(String detail, int retryAfterSeconds) {
        return new ApiException(503, "Service Unavailable", detail, null, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
