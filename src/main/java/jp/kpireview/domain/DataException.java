package jp.kpireview.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Input that cannot be used. Carries the problems found, each with file, line and field: the first
 * {@value #MAX_PROBLEMS} of them and how many there were in all, so ten thousand bad rows give a readable list and
 * a count, not a report as large as the input.
 */
public class DataException extends RuntimeException {

    /** How many problems are kept and shown; the rest are counted. */
    public static final int MAX_PROBLEMS = 100;

    private final List<DataProblem> problems;
    private final int total;

    public DataException(List<DataProblem> problems) {
        this(problems, problems.size());
    }

    /** @param total how many problems were found, at least {@code problems.size()} (more when some were dropped) */
    public DataException(List<DataProblem> problems, int total) {
        super(describe(problems, total));
        this.problems = List.copyOf(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
        this.total = Math.max(total, problems.size());
    }

    public DataException(SourceLocation source, String field, String message) {
        this(List.of(new DataProblem(source, field, message)));
    }

    /** The problems kept: the first {@value #MAX_PROBLEMS}. */
    public List<DataProblem> problems() {
        return problems;
    }

    /** How many problems were found in all. */
    public int total() {
        return total;
    }

    /** {@code ほかに 9,900 件の誤りがあります (全部で 10,000 件)…}; empty when every problem is in the list. */
    public String more() {
        return more(problems.size(), total);
    }

    private static String more(int shown, int total) {
        return total > shown ? String.format("ほかに %,d 件の誤りがあります (全部で %,d 件)。まずこれらを直してください"
                + " (… and %,d more problems, %,d in all)", total - shown, total, total - shown, total) : "";
    }

    private static String describe(List<DataProblem> problems, int total) {
        List<String> lines = new ArrayList<>();
        problems.stream().limit(MAX_PROBLEMS).forEach(p -> lines.add(p.toString()));
        if (total > lines.size()) {
            lines.add(more(lines.size(), total));
        }
        return String.join("\n", lines);
    }
}
