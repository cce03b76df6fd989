package jp.kpireview.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Passes of one piece of work in this JVM: the first pays for the JIT compiler, the best of the later ones is the
 * steady state. {@code bestCpu} is the least CPU time one pass took on the calling thread (a single-threaded pass's
 * own work, without what other programs on the machine took from it).
 */
record Pass(double first, double best, double bestCpu) {

    /** Runs {@code pass} {@code count} times. */
    static Pass of(int count, Runnable pass) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double first = 0;
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            long cpuStarted = threads.getCurrentThreadCpuTime();
            pass.run();
            double seconds = (System.nanoTime() - started) / 1e9;
            bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9);
            first = i == 0 ? seconds : first;
            best = Math.min(best, seconds);
        }
        return new Pass(first, best, bestCpu);
    }
}
