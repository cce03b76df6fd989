package jp.kpireview.service;

/**
 * The heap the plans in progress may take together. A plan holds what it learns of every KPI while it searches
 * (measured: 2,000 KPIs plan in a 128 MB heap, 8,000 do not in 256 MB), so its memory grows with its rows: each
 * plan is admitted by an estimate of {@value #BYTES_PER_KPI} bytes a KPI, within a quarter of the heap for all plans
 * at once. A plan larger than that share alone is refused (413); one that does not fit beside those running waits
 * for none and gets 503 with Retry-After. The service's 512 MB heap admits 3,276 KPIs of plans at once.
 */
final class PlanMemory {

    /** The estimate of one KPI's share of a plan's heap (about 32 KB measured, and room to spare). */
    static final long BYTES_PER_KPI = 40 * 1024;

    private final long budget;
    private long inUse;

    PlanMemory(long heapBytes) {
        this.budget = heapBytes / 4;
    }

    /** The most KPIs one plan may have. */
    int maxKpis() {
        return (int) Math.min(Integer.MAX_VALUE, budget / BYTES_PER_KPI);
    }

    /** Takes the share of {@code kpis} KPIs, or returns false when it does not fit beside the plans running. */
    synchronized boolean tryTake(int kpis) {
        long bytes = kpis * BYTES_PER_KPI;
        if (inUse + bytes > budget) {
            return false;
        }
        inUse += bytes;
        return true;
    }

    synchronized void give(int kpis) {
        inUse -= kpis * BYTES_PER_KPI;
    }
}
