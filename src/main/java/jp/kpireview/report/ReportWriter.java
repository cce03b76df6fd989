package jp.kpireview.report;

import jp.kpireview.engine.MunicipalityReview;

/**
 * One report of a batch run. The runner hands over each municipality's review as it is done, in input order, and
 * commits the reports only when the whole run succeeded; a report that is closed without a commit leaves nothing
 * behind (and any earlier report of the same name untouched).
 */
public interface ReportWriter extends AutoCloseable {

    void add(MunicipalityReview review);

    /** Finishes the report and puts it in place (temp file + rename). */
    void commit();

    /** Throws away an unfinished report. Never fails. */
    @Override
    void close();
}
