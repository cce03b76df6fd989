package jp.kpireview.bench;

import java.lang.management.ManagementFactory;

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
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        double first = 0;
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        long leastAllocated = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            long allocatedBefore = threads.getTotalThreadAllocatedBytes();
            long started = System.nanoTime();
            long cpuStarted = threads.getCurrentThreadCpuTime();
            pass.run();
            double seconds = (System.nanoTime() - started) / 1e9;
            bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9);
            leastAllocated = Math.min(leastAllocated, threads.getTotalThreadAllocatedBytes() - allocatedBefore);
            first = i == 0 ? seconds : first;
            best = Math.min(best, seconds);
        }
        return new Pass(first, best, bestCpu, leastAllocated);
    }
}
