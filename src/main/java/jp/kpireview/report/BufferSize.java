package jp.kpireview.report;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How large a buffer a report renders a municipality into: the most bytes per KPI-year this report has rendered so
 * far, so that a buffer seldom grows (each growth copies it: a nationwide results.json grew every municipality's
 * buffer once and copied it twice more, half a gigabyte per pass). Renders run on several threads; this is the one
 * thing they share, a hint that never changes what is written.
 */
final class BufferSize {

    /** Room for what does not grow with the KPI-years: the municipality's name, its summaries' headings. */
    private static final int SLACK = 1_024;
    /**
     * The largest first buffer: a sheet of long texts (2,000 characters a cell) rendered first must not make the
     * buffer of a large plain sheet after it gigabytes long; past this a buffer grows as it fills, as before.
     */
    static final int MOST = 4 << 20;

    private final AtomicInteger perKpiYear;

    /** @param firstGuess bytes per KPI-year before the first municipality is rendered */
    BufferSize(int firstGuess) {
        perKpiYear = new AtomicInteger(firstGuess);
    }

    /** A buffer for a municipality of {@code kpiYears} KPI-years. */
    ByteArrayOutputStream buffer(int kpiYears) {
        return new ByteArrayOutputStream(bytes(kpiYears));
    }

    /** The bytes to expect of a municipality of {@code kpiYears} KPI-years. */
    int bytes(int kpiYears) {
        return (int) Math.min((long) kpiYears * perKpiYear.get() + SLACK, MOST);
    }

    /** Learns from a municipality rendered: {@code bytes} for {@code kpiYears} KPI-years. */
    void rendered(int kpiYears, int bytes) {
        if (kpiYears > 0) {
            perKpiYear.accumulateAndGet(Math.ceilDiv(bytes, kpiYears), Math::max);
        }
    }
}
