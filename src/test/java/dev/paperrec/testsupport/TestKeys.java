package dev.paperrec.testsupport;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * API keys of the test profile (their SHA-256 digests are in application.properties under %test). Registered
 * for every Quarkus test, it makes REST Assured send the all-roles key unless a request carries a key of its own
 * or the {@link #ANONYMOUS} marker header.
 */
public class TestKeys implements QuarkusTestBeforeEachCallback {

    public static final String ADMIN = "test-admin-key";
    public static final String READ = "test-read-key";
    public static final String INGEST = "test-ingest-key";
    /** Read role, limited to one request per second with a burst of two. */
    public static final String THROTTLED = "test-throttled-key";
    /** Header name that makes a request go out with no key at all; the header itself is not sent. */
    public static final String ANONYMOUS = "X-Test-Anonymous";

    // Runs inside the application's class loader, where the tests' REST Assured lives.
    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(DefaultKey.class::isInstance)) {
            RestAssured.filters(new DefaultKey());
        }
    }

    static final class DefaultKey implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                               FilterContext context) {
            if (request.getHeaders().hasHeaderWithName(ANONYMOUS)) {
                request.removeHeader(ANONYMOUS);
            } else if (!request.getHeaders().hasHeaderWithName("Authorization")
                    && !request.getHeaders().hasHeaderWithName("X-API-Key")) {
                request.header("X-API-Key", ADMIN);
            }
            return context.next(request, response);
        }
    }
}
