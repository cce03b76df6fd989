package jp.kpireview.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.validate.CheckReport;
import jp.kpireview.validate.PolicyCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a rule folder: it compiles (each error with file and line), every score falls in exactly"
                + " one band, the clamp limits are in order, every direction has a symbol, every KPI gets a status,"
                + " and the scenario files in its tests/ hold; each policy period on its own."
                + " Exit 0 fine, 1 warnings, 2 errors.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<PolicyCheck.PeriodReport> reports = PolicyCheck.check(rules.folder, true, List.of());
        PrintWriter out = spec.commandLine().getOut();
        boolean errors = false;
        boolean warnings = false;
        for (PolicyCheck.PeriodReport period : reports) {
            CheckReport report = period.report();
            out.println("確認: " + period.period().folder() + (period.period().firstYear() == null ? ""
                    : " (政策期間: " + FiscalYear.label(period.period().firstYear()) + " から)"));
            report.summary().forEach(line -> out.println("  " + line));
            report.findings().forEach(out::println);
            errors |= report.hasErrors();
            warnings |= report.hasWarnings();
        }
        String verdict = errors ? "誤りがあります: このルールは使えません" : warnings ? "問題なし (警告あり)" : "問題なし";
        out.println(verdict);
        out.flush();
        return errors ? Main.BAD_INPUT : warnings ? Main.DIFFERENCES : Main.OK;
    }
}
