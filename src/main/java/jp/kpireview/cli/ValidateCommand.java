package jp.kpireview.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jp.kpireview.validate.RuleCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a rule folder: it compiles (each error with file and line), every score falls in exactly"
                + " one band, the clamp limits are in order, every direction has a symbol, every KPI gets a status,"
                + " and the scenario files in its tests/ hold. Exit 0 fine, 1 warnings, 2 errors.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RuleCheck.Report report = RuleCheck.check(rules.folder, true);
        PrintWriter out = spec.commandLine().getOut();
        out.println("validate " + rules.folder);
        report.summary().forEach(line -> out.println("  " + line));
        report.findings().forEach(out::println);
        String verdict = report.hasErrors() ? "ERRORS: the rules cannot be used"
                : report.hasWarnings() ? "OK with warnings" : "OK";
        out.println(verdict);
        out.flush();
        return report.hasErrors() ? Main.BAD_INPUT : report.hasWarnings() ? Main.DIFFERENCES : Main.OK;
    }
}
