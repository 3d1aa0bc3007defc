package dev.paperrec.recommend.model;

/**
 * A heap budget for one model build: the build may grow the heap in use up to a share of the maximum heap, the
 * model in service included. The image exits on {@code OutOfMemoryError}, and a build at start that dies that way
 * dies again after every restart; a build that would not fit is stopped here instead, while the previous model
 * keeps serving.
 *
 * <p>The heap in use counts garbage too, so a check that finds it over the budget collects once and measures
 * again; the next collection waits until the heap has grown by half the headroom above the budget, so that a build
 * close to its budget does not collect at every check.
 */
public final class BuildMemory implements BuildGuard {

    /** The heap as the budget sees it; {@link #RUNTIME} in the service. */
    interface Heap {
        long max();

        long used();

        void collect();
    }

    static final Heap RUNTIME = new Heap() {
        @Override
        public long max() {
            return Runtime.getRuntime().maxMemory();
        }

        @Override
        public long used() {
            return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        }

        @Override
        public void collect() {
            System.gc();
        }
    };

    /** Thrown when a build would need more heap than its budget. */
    public static final class Exceeded extends RuntimeException {
        Exceeded(String message) {
            super(message);
        }
    }

    private final Heap heap;
    private final long limit;
    private final long slack;
    private long collectAbove;
    private long peak;

    /** @param share of the maximum heap the heap in use may reach during the build, above 0 and at most 1 */
    BuildMemory(double share, Heap heap) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("build heap share must be above 0 and at most 1: " + share);
        }
        this.heap = heap;
        limit = (long) (heap.max() * share);
        slack = (heap.max() - limit) / 2;
        collectAbove = limit;
    }

    /** The heap in use the build may reach, in bytes. */
    public long limit() {
        return limit;
    }

    /** The most heap in use any check saw, in bytes. */
    public synchronized long peak() {
        return peak;
    }

    @Override
    public void check(String phase) {
        require(0, phase);
    }

    /** Returns when {@code bytes} more fit in the budget now; throws {@link Exceeded} when they do not. */
    @Override
    public synchronized void require(long bytes, String phase) {
        long used = heap.used();
        peak = Math.max(peak, used);
        if (used + bytes <= collectAbove) {
            return;
        }
        heap.collect();
        used = heap.used();
        if (used + bytes > limit) {
            throw new Exceeded(String.format(java.util.Locale.ROOT, "the model build needs more heap than its budget "
                            + "(%s): %d MB in use after a collection%s, budget %d MB of %d MB "
                            + "(paperrec.recommend.build-heap-share)", phase, used >> 20,
                    bytes > 0 ? " and " + (bytes >> 20) + " MB expected" : "", limit >> 20, heap.max() >> 20));
        }
        collectAbove = Math.max(limit, used + bytes + slack);
    }
}
