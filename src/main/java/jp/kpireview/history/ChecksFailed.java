package jp.kpireview.history;

import java.util.List;
import jp.kpireview.validate.RuleCheck;

/** A version that was not taken because the check found errors or a failing scenario: every finding, located. */
public final class ChecksFailed extends HistoryException {

    private final transient List<RuleCheck.Finding> findings;

    public ChecksFailed(String what, List<RuleCheck.Finding> findings) {
        super(what + " は確かめで誤りが見つかったので取り込みません");
        this.findings = List.copyOf(findings);
    }

    /** The errors and warnings of the check, as validate prints them. */
    public List<RuleCheck.Finding> findings() {
        return findings;
    }
}
