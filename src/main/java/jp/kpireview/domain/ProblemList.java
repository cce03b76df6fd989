package jp.kpireview.domain;

import java.util.ArrayList;
import java.util.List;

/** Problems as they are found: the first {@value DataException#MAX_PROBLEMS} kept, the rest only counted. */
public final class ProblemList {

    private final List<DataProblem> kept = new ArrayList<>();
    private int total;

    public void add(DataProblem problem) {
        total++;
        if (kept.size() < DataException.MAX_PROBLEMS) {
            kept.add(problem);
        }
    }

    public void addAll(DataException e) {
        e.problems().forEach(this::add);
        total += e.total() - e.problems().size();
    }

    public boolean isEmpty() {
        return total == 0;
    }

    public int size() {
        return total;
    }

    /** Throws the problems found, if any. */
    public void throwIfAny() {
        if (total > 0) {
            throw new DataException(kept, total);
        }
    }
}
