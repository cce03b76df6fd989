package jp.kpireview.cli;

import java.util.List;
import jp.kpireview.domain.Kpi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --no-annual-targets}: leave out the cities' annual targets (年度目標値), to see what the derived method alone
 * gives. {@code --no-plan}, its older name, is refused with the new one: it changed scores silently while
 * {@code --plan} means next year's needs.
 */
final class NoAnnualTargetsOption {

    @Option(names = "--no-annual-targets",
            description = "市の年度目標値 (annual_target_FYyyyy) を使わず、道筋の年度目標だけで評価します (ignore the"
                    + " annual targets).")
    boolean noAnnualTargets;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--no-plan", hidden = true)
    void noPlanRemoved(boolean ignored) {
        throw new ParameterException(spec.commandLine(), "--no-plan はありません: 年度目標値を使わずに評価するには"
                + " --no-annual-targets を使います (--no-plan is gone: use --no-annual-targets; --plan is next year's"
                + " needs)");
    }

    List<Kpi> apply(List<Kpi> kpis) {
        return noAnnualTargets ? kpis.stream().map(Kpi::withoutAnnualTargets).toList() : kpis;
    }
}
