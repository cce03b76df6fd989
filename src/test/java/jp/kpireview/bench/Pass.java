package jp.kpireview.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Passes of one piece of work in this JVM: the first pays for the JIT compiler, the best of the later ones is the
 * steady state. {@code bestCpu} is the least CPU time one pass took on the calling thread (a single-threaded pass's
 * own work, without what other programs on the machine took from it). {@code leastAllocated} is the fewest bytes all
 * threads allocated in one pass: what the work makes the collector handle, unlike the peak heap, which is the
 * collector's own choice of how much garbage to let gather (the least, since the JIT removes some allocations once
 * it has compiled the code).
 */
record Pass(double first, double best, double bestCpu, long leastAllocated) {

    /** Runs {@code pass} {@code count} times. */
    static Pass of(int count, Runnable pass) {
        return alternating(count, pass)[0];
    }

    /**
     * Runs each of {@code works} {@code count} times, taking turns (the first pass of each, then the second of
     * each, …), so that a machine whose speed drifts over minutes slows them alike; their passes, in that order.
     */
    static Pass[] alternating(int count, Runnable... works) {
        Tally[] tallies = new Tally[works.length];
        Arrays.setAll(tallies, w -> new Tally());
        for (int i = 0; i < count; i++) {
            for (int w = 0; w < works.length; w++) {
                tallies[w].run(works[w]);
            }
        }
        return Arrays.stream(tallies).map(Tally::pass).toArray(Pass[]::new);
    }

    /** One work's passes so far. */
    private static final class Tally {
        private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean)
                ManagementFactory.getThreadMXBean();
        private int passes;
        private double first;
        private double best = Double.MAX_VALUE;
        private double bestCpu = Double.MAX_VALUE;
        private long leastAllocated = Long.MAX_VALUE;

        void run(Runnable work) {
            long allocatedBefore = THREADS.getTotalThreadAllocatedBytes();
            long started = System.nanoTime();
            long cpuStarted = THREADS.getCurrentThreadCpuTime();
            work.run();
            double seconds = (System.nanoTime() - started) / 1e9;
            bestCpu = Math.min(bestCpu, (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1e9);
            leastAllocated = Math.min(leastAllocated, THREADS.getTotalThreadAllocatedBytes() - allocatedBefore);
            first = passes++ == 0 ? seconds : first;
            best = Math.min(best, seconds);
        }

        Pass pass() {
            return new Pass(first, best, bestCpu, leastAllocated);
        }
    }
}
