package dev.paperrec.recommend.model;

/**
 * Asked by a model build between its phases and within its long loops whether it may go on; it ends the build by
 * throwing (see {@link BuildMemory}).
 */
@FunctionalInterface
public interface BuildGuard {

    /** Lets every build go on. */
    BuildGuard NONE = phase -> {
    };

    /**
     * Returns when the build may go on.
     *
     * @param phase what the build is doing, for the message of what is thrown
     */
    void check(String phase);

    /** Returns when the build may go on and allocate about {@code bytes} more. */
    default void require(long bytes, String phase) {
        check(phase);
    }
}
