package jp.kpireview.history;

import java.util.List;
import jp.kpireview.validate.CheckReport;

/** A version that was not taken because the check found errors or a failing scenario: every finding, located. */
public final class ChecksFailed extends HistoryException {

    private final transient List<CheckReport.Finding> findings;

    public ChecksFailed(String what, List<CheckReport.Finding> findings) {
        super(what + " は確かめで誤りが見つかったので取り込みません");
        this.findings = List.copyOf(findings);
    }

    /** The errors and warnings of the check, as validate prints them. */
    public List<CheckReport.Finding> findings() {
        return findings;
    }
}
