package jp.kpireview.cli;

import java.util.List;
import jp.kpireview.domain.Kpi;
import picocli.CommandLine.Option;

/**
 * {@code --no-annual-targets}: leave out the cities' annual targets (年度目標値), to see what the derived method alone
 * gives. {@code --no-plan}, its older name, is still read ("plan" now means only next year's needs).
 */
final class NoPlanOption {

    @Option(names = {"--no-annual-targets", "--no-plan"},
            description = "Ignore the annual targets (annual_target_FYyyyy: the derived method alone).")
    boolean noPlan;

    List<Kpi> apply(List<Kpi> kpis) {
        return noPlan ? kpis.stream().map(Kpi::withoutAnnualTargets).toList() : kpis;
    }
}
