package jp.kpireview.domain;

import java.util.List;

/** Input that cannot be used. Carries every problem found, each with file, line and field. */
public class DataException extends RuntimeException {

    private final List<DataProblem> problems;

    public DataException(List<DataProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public DataException(SourceLocation source, String field, String message) {
        this(List.of(new DataProblem(source, field, message)));
    }

    public List<DataProblem> problems() {
        return problems;
    }

    private static String describe(List<DataProblem> problems) {
        StringBuilder text = new StringBuilder();
        for (DataProblem problem : problems) {
            text.append(text.isEmpty() ? "" : "\n").append(problem);
        }
        return text.toString();
    }
}
