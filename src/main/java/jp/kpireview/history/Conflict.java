package jp.kpireview.history;

import java.util.List;

/** A version made against one that is no longer the latest: the versions taken since, newest first. */
public final class Conflict extends HistoryException {

    private final transient List<Version> since;

    Conflict(String base, List<Version> since) {
        super("この提案は版 " + base + " をもとにしていますが、その後に " + since.size() + " 件の変更がありました ("
                + String.join("、", since.stream().map(v -> v.shortId() + " " + v.author() + "「" + v.reason()
                        + "」").toList()) + ")。今の版をもとに、もう一度提案してください");
        this.since = List.copyOf(since);
    }

    public List<Version> since() {
        return since;
    }
}
