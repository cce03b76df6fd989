package jp.kpireview.batch;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long run on the terminal: files and KPI-years done, the rate and the time left, at most once a
 * second. On a console the line is redrawn in place; in a log (no console) a line is added every few seconds.
 */
public class Progress {

    /** Prints nothing (--quiet, tests). */
    public static final Progress SILENT = new Progress(null, false);

    private static final long REDRAW_NANOS = 1_000_000_000L;
    private static final long LOG_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final boolean console;
    private long started;
    private long lastShown;
    private int files;
    private int filesDone;
    private long kpiYears;
    private boolean shown;

    public Progress(PrintWriter out, boolean console) {
        this.out = out;
        this.console = console;
    }

    void start(int fileCount) {
        files = fileCount;
        started = System.nanoTime();
        lastShown = started;
    }

    void fileDone(long kpiYearsDone) {
        filesDone++;
        kpiYears += kpiYearsDone;
        long now = System.nanoTime();
        if (out != null && now - lastShown >= (console ? REDRAW_NANOS : LOG_NANOS)) {
            lastShown = now;
            show(now);
        }
    }

    void finish() {
        if (out != null && shown) {
            show(System.nanoTime());
            if (console) {
                out.println();
            }
            out.flush();
        }
    }

    private void show(long now) {
        double seconds = (now - started) / 1e9;
        double rate = kpiYears / Math.max(seconds, 1e-9);
        double left = filesDone == 0 ? 0 : seconds * (files - filesDone) / filesDone;
        String line = String.format(Locale.ROOT, "files %,d/%,d · %,d KPI-years · %,.0f KPI-years/s · %s left",
                filesDone, files, kpiYears, rate, duration(left));
        out.print(console ? "\r" + line + "   " : line + System.lineSeparator());
        out.flush();
        shown = true;
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }
}
