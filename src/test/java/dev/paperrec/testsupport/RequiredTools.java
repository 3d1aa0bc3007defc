package dev.paperrec.testsupport;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that need a tool outside the JDK (kubectl, strace). On a developer's machine a missing tool skips the test
 * with a message; in CI ({@code CI=true}, where {@code .ci/run} installs the tools) it fails it, so that nothing is
 * skipped silently there.
 */
public final class RequiredTools {

    private RequiredTools() {
    }

    public static void require(boolean available, String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            if (!available) {
                fail("CI=true: " + message);
            }
            return;
        }
        assumeTrue(available, message);
    }
}
