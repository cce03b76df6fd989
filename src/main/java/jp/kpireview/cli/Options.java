package jp.kpireview.cli;

import jp.kpireview.domain.FiscalYear;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Option values shared by several commands. */
final class Options {

    private Options() {
    }

    static int fiscalYear(String text, CommandSpec spec) {
        return fiscalYear("--year", text, spec);
    }

    /** The fiscal year {@code text} names, or a usage error naming {@code option}. */
    static int fiscalYear(String option, String text, CommandSpec spec) {
        try {
            return FiscalYear.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
