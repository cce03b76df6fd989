package jp.kpireview.rulebase;

/** A problem in a rule file, located for the policy officer who edits it. Line 0 means "the file as a whole". */
public record RuleProblem(String file, int line, String message) {

    /** A rule folder that is not there (or is a file). */
    static RuleProblem noFolder(java.nio.file.Path folder) {
        return new RuleProblem(folder.toString(), 0, "ルールのフォルダがありません (no such rule folder)");
    }

    /** A rule file or template that is not UTF-8 text (Drools would read it as other characters). */
    static RuleProblem notUtf8(java.nio.file.Path file) {
        return new RuleProblem(file.toString(), 0, "UTF-8 の文字として読めません。UTF-8 で保存し直してください"
                + " (the file is not UTF-8 text)");
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
