package jp.kpireview.domain;

import java.util.List;
import java.util.Optional;

/**
 * One KPI across the evaluated fiscal years: its evaluation per year, oldest first, and how its score moved.
 *
 * @param years    one evaluation per reported year, in year order (unscored years included)
 * @param policies the policy each of those years was evaluated under, in the same order
 * @param earlier  the evaluations of the data's other years before the last reported one, in year order: not
 *                 reported, evaluated only so that a reported year's 前回比 compares with the KPI's previous scored
 *                 year in the data, as a run over every year does (a run of FY2018 alone still compares with FY2017)
 * @param earlierPolicies the policy each of those years was evaluated under
 */
public record KpiHistory(Kpi kpi, List<Evaluation> years, List<PolicyRef> policies, List<Evaluation> earlier,
        List<PolicyRef> earlierPolicies) {

    public KpiHistory {
        years = List.copyOf(years);
        policies = List.copyOf(policies);
        earlier = List.copyOf(earlier);
        earlierPolicies = List.copyOf(earlierPolicies);
    }

    /** A history of every year of the data: nothing earlier to compare with. */
    public KpiHistory(Kpi kpi, List<Evaluation> years, List<PolicyRef> policies) {
        this(kpi, years, policies, List.of(), List.of());
    }

    /**
     * The trend of {@code year} against the KPI's previous scored year, reported or not; empty if either is
     * unscored. Two years scored under different policies are not compared ({@link Trend#POLICY_CHANGED}).
     */
    public Optional<Trend> change(int year) {
        Evaluation previous = null;
        PolicyRef previousPolicy = null;
        int e = 0;
        for (int i = 0; i < years.size(); i++) {
            // the unreported years before this one, in year order with the reported ones
            for (; e < earlier.size() && earlier.get(e).year() < years.get(i).year(); e++) {
                if (earlier.get(e).judged()) {
                    previous = earlier.get(e);
                    previousPolicy = earlierPolicies.get(e);
                }
            }
            Evaluation at = years.get(i);
            if (at.year() == year) {
                if (!at.judged() || previous == null) {
                    return Optional.empty();
                }
                return Optional.of(previousPolicy.equals(policies.get(i)) ? Trend.between(previous, at)
                        : Trend.POLICY_CHANGED);
            }
            if (at.judged()) {
                previous = at;
                previousPolicy = policies.get(i);
            }
        }
        return Optional.empty();
    }

    /**
     * The trend every report shows for the KPI as a whole: its latest evaluated year's {@link #change} (前回比), the
     * one results.csv has for that year; empty when that year or every earlier one is unscored.
     */
    public Optional<Trend> latest() {
        return years.isEmpty() ? Optional.empty() : change(years.get(years.size() - 1).year());
    }
}
