package jp.kpireview.service;

/**
 * The heap the service's work in progress may take together, and the estimate of what each piece of work takes: the
 * one place these figures live (docs/service.md quotes them). Every evaluation, report and plan holds a share while it
 * runs. A share is first the sheet's reading, then, once its KPIs are known, what their sessions, results and plan
 * take; work that would not fit beside the work running is refused at once with 503 and Retry-After (never an
 * {@code OutOfMemoryError}), and work larger than the whole budget with 413.
 * <p>
 * Measured on the service's 512 MB heap (live heap at the peak of a request, 20,000 generated KPIs of five years):
 * a CSV sheet's KPIs take 6.0 times its bytes (1.2 KB a KPI); a session about 4 KB a fact, and a session holds one
 * year of a large sheet; the results kept for the report about 0.6 KB a KPI-year; a plan about 32 KB a KPI. The whole
 * request peaked at 123 MB (json), 135 MB (html, xlsx) above the idle service's 15 MB.
 */
final class WorkMemory {

    /** The share of the heap all work may take together; the rest is the rules, the server and the collector's room. */
    static final double SHARE_OF_HEAP = 0.6;
    /** Reading a sheet, per byte of it: a CSV's KPIs take 6 times its bytes; a workbook's XML is zipped about 7:1. */
    static final long READ_PER_CSV_BYTE = 6;
    static final long READ_PER_WORKBOOK_BYTE = 40;
    /** A KPI in memory with its share of one year's session. */
    static final long PER_KPI = 6 * 1024;
    /** A KPI-year's result, kept until the report is written. */
    static final long PER_KPI_YEAR = 1024;
    /** A KPI planned: what the plan's search learns of it. */
    static final long PER_PLANNED_KPI = 40 * 1024;

    private final long budget;
    private long inUse;

    WorkMemory(long heapBytes) {
        this.budget = (long) (heapBytes * SHARE_OF_HEAP);
    }

    long budget() {
        return budget;
    }

    /** What reading a sheet takes. */
    static long reading(java.nio.file.Path sheet) throws java.io.IOException {
        boolean workbook = sheet.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx");
        return java.nio.file.Files.size(sheet) * (workbook ? READ_PER_WORKBOOK_BYTE : READ_PER_CSV_BYTE);
    }

    /** What evaluating {@code kpis} KPIs for {@code years} years takes, with a plan of the KPIs when {@code planned}. */
    static long evaluating(int kpis, int years, boolean planned) {
        return kpis * PER_KPI + (long) kpis * years * PER_KPI_YEAR + (planned ? kpis * PER_PLANNED_KPI : 0);
    }

    /** The most KPIs a plan may have on its own. */
    int maxPlannedKpis() {
        return (int) Math.min(Integer.MAX_VALUE, budget / evaluating(1, 1, true));
    }

    /** An empty share, to be resized as the work learns what it holds; closed when the work ends. */
    Share share() {
        return new Share();
    }

    /** Work refused for its memory: {@code tooLarge} for work larger than the budget (413), else busy (503). */
    static final class Refused extends RuntimeException {
        final boolean tooLarge;

        Refused(boolean tooLarge, String message) {
            super(message);
            this.tooLarge = tooLarge;
        }
    }

    /** One piece of work's share of the budget. */
    final class Share implements AutoCloseable {
        private long bytes;

        /**
         * Takes {@code needed} bytes in place of what the share held.
         *
         * @param what the work, for the message: "the sheet of 20,000 KPIs and 5 years"
         */
        void resize(long needed, String what) {
            if (needed > budget) {
                throw new Refused(true, what + "には約 " + shown(needed) + " が要ります。サービスがすべての仕事に"
                        + "使えるのは " + shown(budget) + " です: 小さなシート (一つの自治体、少ない年度) を送ってください");
            }
            synchronized (WorkMemory.this) {
                if (inUse - bytes + needed > budget) {
                    throw new Refused(false, "動いている仕事が、" + what + " に要るメモリ (約 "
                            + shown(needed) + ") を使っています。数秒後にもう一度試してください");
                }
                inUse += needed - bytes;
                bytes = needed;
            }
        }

        @Override
        public void close() {
            synchronized (WorkMemory.this) {
                inUse -= bytes;
                bytes = 0;
            }
        }
    }

    private static String shown(long bytes) {
        return bytes >= 1 << 20 ? String.format("%,d MB", bytes >> 20) : String.format("%,d KB", (bytes + 1023) >> 10);
    }

    /** What all work holds now (for the tests). */
    synchronized long inUse() {
        return inUse;
    }
}
