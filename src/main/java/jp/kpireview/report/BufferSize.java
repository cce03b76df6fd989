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
        return (int) Math.min((long) kpiYears * perKpiYear.get() + SLACK, Integer.MAX_VALUE - 8);
    }

    /** Learns from a municipality rendered: {@code bytes} for {@code kpiYears} KPI-years. */
    void rendered(int kpiYears, int bytes) {
        if (kpiYears > 0) {
            perKpiYear.accumulateAndGet(Math.ceilDiv(bytes, kpiYears), Math::max);
        }
    }
}
