package jp.kpireview.cli;

import java.util.List;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Option values shared by several commands. */
final class Options {

    private Options() {
    }

    static int fiscalYear(String text, CommandSpec spec) {
        try {
            return FiscalYear.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--year: " + e.getMessage());
        }
    }

    static List<Kpi> withoutPlansIf(boolean noPlan, List<Kpi> kpis) {
        return noPlan ? kpis.stream().map(Kpi::withoutPlans).toList() : kpis;
    }
}
