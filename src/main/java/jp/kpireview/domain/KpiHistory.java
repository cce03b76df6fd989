package jp.kpireview.domain;

import java.util.List;
import java.util.Optional;

/**
 * One KPI across the evaluated fiscal years: its evaluation per year, oldest first, and how its score moved.
 *
 * @param years    one evaluation per evaluated year, in year order (unscored years included)
 * @param policies the policy each of those years was evaluated under, in the same order
 */
public record KpiHistory(Kpi kpi, List<Evaluation> years, List<PolicyRef> policies) {

    public KpiHistory {
        years = List.copyOf(years);
        policies = List.copyOf(policies);
    }

    /** The trend between two scored years: not compared when their policies differ. */
    private Trend between(int earlier, int later) {
        return !policies.get(earlier).equals(policies.get(later)) ? Trend.POLICY_CHANGED
                : Trend.between(years.get(earlier), years.get(later));
    }

    /** The trend of {@code year} against the KPI's previous scored year; empty if either is unscored. */
    public Optional<Trend> change(int year) {
        int previous = -1;
        for (int i = 0; i < years.size(); i++) {
            Evaluation e = years.get(i);
            if (e.year() == year) {
                return e.judged() && previous >= 0 ? Optional.of(between(previous, i)) : Optional.empty();
            }
            if (e.judged()) {
                previous = i;
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
