package jp.kpireview.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import jp.kpireview.engine.Policy;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.rulebase.PolicyFolder;
import jp.kpireview.rulebase.RuleProblem;
import jp.kpireview.rulebase.RuleSetException;

/**
 * Checks every policy of a {@code --rules} folder on its own — each period over the fiscal years it is in force —
 * and builds the engine only when all of them are clean: one broken period refuses the whole run, and its errors
 * name the period's folder, file and line.
 */
public final class PolicyCheck {

    /** What the check found for one period (or the one policy of a flat folder). */
    public record PeriodReport(PolicyFolder.Period period, List<Integer> years, CheckReport report) {
    }

    /** How many years past its start the last period is probed, when no data says which. */
    private static final int LAST_PERIOD_SPAN = 10;

    private PolicyCheck() {
    }

    /**
     * @param years the fiscal years that will be evaluated; each period is probed on those it covers (on its first
     *              year when it covers none of them); empty: each period over all the years it is in force
     */
    public static List<PeriodReport> check(Path folder, boolean scenarios, List<Integer> years) {
        return each(folder, years, (period, probed) -> RuleCheck.check(period.folder(), scenarios, probed));
    }

    /** Each period checked as a run needs it: its errors only (see {@link RuleCheck#beforeRun}). */
    private static List<PeriodReport> checkBeforeRun(Path folder, List<Integer> years) {
        return each(folder, years, (period, probed) -> RuleCheck.beforeRun(period.folder(), probed));
    }

    private static List<PeriodReport> each(Path folder, List<Integer> years,
            java.util.function.BiFunction<PolicyFolder.Period, List<Integer>, CheckReport> check) {
        List<PolicyFolder.Period> periods = PolicyFolder.periods(folder);
        List<PeriodReport> reports = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            List<Integer> probed = probed(periods, i, years);
            reports.add(new PeriodReport(periods.get(i), probed, check.apply(periods.get(i), probed)));
        }
        return reports;
    }

    /** Checks period {@code index} of {@code periods} alone, over the years it is in force (or those wanted). */
    public static PeriodReport checkPeriod(List<PolicyFolder.Period> periods, int index, boolean scenarios,
            List<Integer> years) {
        List<Integer> probed = probed(periods, index, years);
        return new PeriodReport(periods.get(index), probed, RuleCheck.check(periods.get(index).folder(), scenarios,
                probed));
    }

    /** The years period {@code index} is probed on: those wanted that it covers, or all it is in force. */
    private static List<Integer> probed(List<PolicyFolder.Period> periods, int index, List<Integer> years) {
        Integer next = index + 1 < periods.size() ? periods.get(index + 1).firstYear() : null;
        return years(periods.get(index), next, years);
    }

    private static List<Integer> years(PolicyFolder.Period p, Integer nextStart, List<Integer> wanted) {
        if (p.firstYear() == null) {
            return wanted;
        }
        int last = nextStart == null ? Math.max(p.firstYear() + LAST_PERIOD_SPAN - 1, 2030) : nextStart - 1;
        List<Integer> span = IntStream.rangeClosed(p.firstYear(), last).boxed().toList();
        if (wanted.isEmpty()) {
            return span;
        }
        List<Integer> covered = wanted.stream().filter(span::contains).toList();
        return covered.isEmpty() ? List.of(p.firstYear()) : covered;
    }

    /** The engine over every policy of {@code folder}, or the errors of every broken period. */
    public static PolicyEngine load(Path folder, List<Integer> years, boolean trace) {
        List<PeriodReport> reports = checkBeforeRun(folder, years);
        List<RuleProblem> errors = new ArrayList<>();
        reports.forEach(r -> errors.addAll(r.report().errors().problems()));
        if (!errors.isEmpty()) {
            throw new RuleSetException(errors);
        }
        List<Policy> policies = reports.stream().map(r -> new Policy(refOf(r), r.period().firstYear(),
                r.period().folder(), r.report().rules())).toList();
        return new PolicyEngine(folder, policies, trace);
    }

    private static jp.kpireview.domain.PolicyRef refOf(PeriodReport r) {
        return new jp.kpireview.domain.PolicyRef(r.period().name(), Policy.hash(r.period().folder()).substring(0, 8));
    }
}
