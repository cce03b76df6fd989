package jp.kpireview.validate;

import java.util.List;
import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.rulebase.RuleProblem;
import jp.kpireview.rulebase.RuleSetException;

/**
 * What a check of a rule folder found ({@link RuleCheck}), with a line per policy aspect for people to read.
 *
 * @param rules the compiled rules; null when they do not compile
 */
public record CheckReport(RuleBase rules, List<String> summary, List<Finding> findings, long failedCases) {

    /** How much a finding weighs: an error refuses the folder, a warning is shown. */
    public enum Level { ERROR, WARNING }

    /** One thing found, located at a file (and line, 0 for the file as a whole). */
    public record Finding(Level level, String file, int line, String message) {

        @Override
        public String toString() {
            return (level == Level.ERROR ? "誤り: " : "警告: ") + file + (line > 0 ? ":" + line : "") + ": "
                    + message;
        }
    }

    /** Rules that do not load: their located errors, and nothing more to check. */
    public static CheckReport refused(RuleSetException e) {
        return new CheckReport(null, List.of(), errorsOf(e));
    }

    /** A folder refused for one reason, said of {@code file} as a whole. */
    public static CheckReport refused(String file, String message) {
        return new CheckReport(null, List.of(), List.of(new Finding(Level.ERROR, file, 0, message)));
    }

    /** Each located problem of {@code e} as an error. */
    static List<Finding> errorsOf(RuleSetException e) {
        return e.problems().stream().map(p -> new Finding(Level.ERROR, p.file(), p.line(), p.message())).toList();
    }

    /** A report of a check that ran no scenario (or found the rules unusable first). */
    public CheckReport(RuleBase rules, List<String> summary, List<Finding> findings) {
        this(rules, summary, findings, 0);
    }

    /** The errors as a rule-set exception, for commands that refuse a folder with errors. */
    public RuleSetException errors() {
        return new RuleSetException(findings.stream().filter(f -> f.level() == Level.ERROR)
                .map(f -> new RuleProblem(f.file(), f.line(), f.message())).toList());
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.level() == Level.ERROR);
    }

    public boolean hasWarnings() {
        return findings.stream().anyMatch(f -> f.level() == Level.WARNING);
    }
}
