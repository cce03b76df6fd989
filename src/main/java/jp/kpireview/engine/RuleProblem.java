package jp.kpireview.engine;

/** A problem in a rule file, located for the policy officer who edits it. Line 0 means "the file as a whole". */
public record RuleProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
