package jp.kpireview.domain;

/** Something wrong in the input, located so a person can fix it: {@code file:line: column: what is wrong}. */
public record DataProblem(SourceLocation source, String field, String message) {

    @Override
    public String toString() {
        return source + ": " + field + ": " + message;
    }
}
