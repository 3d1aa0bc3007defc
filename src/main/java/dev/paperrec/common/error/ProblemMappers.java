package dev.paperrec.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.paperrec.common.db.DatabaseException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.JDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLTransientException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Every error leaves the service as application/problem+json (RFC 9457) with a human-readable detail. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** How long clients should wait before retrying when the database is unreachable or saturated. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return respond(e.status(), e.title(), e.getMessage(), uri, e.errors(), e.retryAfterSeconds());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(400, "Bad Request", Problem.describe(errors), uri, errors, null);
    }

    // Listed one by one so these win over the framework's own mappers for the more specific Jackson types.
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, ValueInstantiationException.class})
    public Response json(JsonProcessingException e, UriInfo uri) {
        String field = JsonErrors.field(e);
        String reason = JsonErrors.reason(e);
        String location = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        List<Problem.FieldError> errors = field.isEmpty() ? null : List.of(new Problem.FieldError(field, reason));
        return respond(400, "Bad Request", JsonErrors.describe(e) + location, uri, errors, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at " + uri.getPath();
            case 405 -> "Method not allowed on " + uri.getPath();
            case 406 -> "None of the accepted media types can be produced";
            case 415 -> "Unsupported Content-Type for " + uri.getPath();
            default -> e.getMessage() == null ? title : e.getMessage();
        };
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        return respond(status, title, detail, uri, null, null);
    }

    @ServerExceptionMapper
    public Response hibernate(JDBCException e, UriInfo uri) {
        if (e instanceof JDBCConnectionException || e.getSQLException() != null
                && DatabaseException.isTransient(e.getSQLException())) {
            return databaseUnavailable(e, uri);
        }
        LOG.error("Database statement failed", e);
        return respond(500, "Internal Server Error", "The request could not be completed", uri, null, null);
    }

    @ServerExceptionMapper(SQLTransientException.class)
    public Response databaseUnavailable(Exception e, UriInfo uri) {
        LOG.warnf("Database unavailable for %s: %s", uri.getPath(), e.getMessage());
        return respond(503, "Service Unavailable", "The database is unavailable or busy; retry later",
                uri, null, DATABASE_RETRY_AFTER_SECONDS);
    }

    @ServerExceptionMapper
    public Response database(DatabaseException e, UriInfo uri) {
        if (e.isTransient()) {
            return databaseUnavailable(e, uri);
        }
        LOG.error("Database statement failed", e);
        return respond(500, "Internal Server Error", "The request could not be stored", uri, null, null);
    }

    static Response respond(int status, String title, String detail, UriInfo uri, List<Problem.FieldError> errors,
                            Integer retryAfter) {
        Problem problem = Problem.of(title, status, detail, uri == null ? null : uri.getPath(), errors);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfter != null) {
            builder.header("Retry-After", retryAfter);
        }
        return builder.build();
    }

    private static String fieldName(ConstraintViolation<?> v) {
        // "upsert.arg1.title" -> "title": the method and argument segments mean nothing to a client.
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }
}
