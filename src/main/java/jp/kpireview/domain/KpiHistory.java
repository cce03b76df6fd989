package jp.kpireview.domain;

import java.util.List;
import java.util.Optional;

/**
 * One KPI across the evaluated fiscal years: its evaluation per year, oldest first, and how its score moved.
 *
 * @param years one evaluation per evaluated year, in year order (unscored years included)
 */
public record KpiHistory(Kpi kpi, List<Evaluation> years) {

    public KpiHistory {
        years = List.copyOf(years);
    }

    /** The trend of {@code year} against the KPI's previous scored year; empty if either is unscored. */
    public Optional<Trend> change(int year) {
        Evaluation previous = null;
        for (Evaluation e : years) {
            if (e.year() == year) {
                return e.scored() && previous != null
                        ? Optional.of(Trend.between(previous.score(), e.score())) : Optional.empty();
            }
            if (e.scored()) {
                previous = e;
            }
        }
        return Optional.empty();
    }

    /** The trend from the first to the last scored year; empty with fewer than two scored years. */
    public Optional<Trend> overall() {
        List<Evaluation> scored = years.stream().filter(Evaluation::scored).toList();
        return scored.size() < 2 ? Optional.empty()
                : Optional.of(Trend.between(scored.get(0).score(), scored.get(scored.size() - 1).score()));
    }
}
