package jp.kpireview.report;

import jp.kpireview.engine.MunicipalityReview;

/**
 * One report of a batch run, written in two steps so that the slow part runs in parallel: {@link #render} turns a
 * municipality's review into this report's part of it (on worker threads, in any order), and {@link #add} appends
 * the parts in input order. The reports are committed only when the whole run succeeded; a report that is closed
 * without a commit leaves nothing behind (and any earlier report of the same name untouched).
 *
 * @param <P> a rendered part, e.g. the bytes of a municipality's CSV rows
 */
public interface ReportWriter<P> extends AutoCloseable {

    /**
     * This report's part for one municipality. Called concurrently: must not change what the writer writes (a
     * thread-safe hint of how large a part will be is all it may learn).
     */
    P render(MunicipalityReview review);

    /** Appends a rendered part; called for one municipality after another, in input order. */
    void add(P part);

    /** Completes the report in its temporary file; nothing is in place yet. */
    default void finish() {
    }

    /** Puts the finished report in place (rename). */
    void commit();

    /** Throws away an unfinished report. Never fails. */
    @Override
    void close();
}
