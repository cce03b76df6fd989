package jp.kpireview.cli;

import java.util.List;
import jp.kpireview.domain.Kpi;
import picocli.CommandLine.Option;

/** {@code --no-plan}: leave out the cities' annual targets, to see what the derived method alone gives. */
final class NoPlanOption {

    @Option(names = "--no-plan", description = "Ignore the plan_FYyyyy annual targets (the derived method alone).")
    boolean noPlan;

    List<Kpi> apply(List<Kpi> kpis) {
        return noPlan ? kpis.stream().map(Kpi::withoutPlans).toList() : kpis;
    }
}
