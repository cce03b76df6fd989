package jp.kpireview.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The plan of one fiscal year (次年度計画): for each KPI, the actual it needs that year to reach each band of the
 * policy in force and ☆, as the rules decide (see PlanSearch).
 *
 * @param bands the bands of the policy in force that year, lowest first; a need is given for each but the lowest
 */
public record Plan(int year, PolicyRef policy, List<Band> bands, Terms terms, List<KpiNeeds> kpis) {

    public Plan {
        bands = List.copyOf(bands);
        kpis = List.copyOf(kpis);
    }

    /**
     * One KPI's needs for the year, one per goal in the order of {@link #goals}.
     *
     * @param higherIsBetter whether a larger actual is better for this KPI (its direction)
     * @param step           the KPI's grid: each need is a multiple of it away from the baseline
     */
    public record KpiNeeds(Kpi kpi, boolean higherIsBetter, BigDecimal step, List<Need> needs) {

        public KpiNeeds {
            needs = List.copyOf(needs);
        }

        /**
         * A need as every report prints it: the actual with its unit ({@link Kpi#shown}) and 以上 (以下 where lower is
         * better), e.g. {@code 83.0%以上}, {@code 1,015人以上}; "—" when the goal cannot be reached. The page shows the
         * same text.
         */
        public String shown(Need need) {
            return need.actual() == null ? "—"
                    : kpi.shown(need.actual()) + (higherIsBetter ? "以上" : "以下");
        }

        /** Each need's actual as written (empty when the goal cannot be reached), in the order of the goals. */
        public List<String> actuals() {
            return needs.stream().map(n -> n.actual() == null ? "" : n.actual().toPlainString()).toList();
        }

        /** The notes of the needs that have one, as {@code goal: note}, joined by "; ". */
        public String notes() {
            return String.join("; ", needs.stream().filter(n -> !n.note().isEmpty())
                    .map(n -> n.goal() + ": " + n.note()).toList());
        }
    }

    /**
     * What one KPI needs for one goal.
     *
     * @param goal   a band's mark (that band or a better one) or ☆
     * @param actual the least good actual that reaches the goal; null when none does
     * @param note   why the goal cannot be reached, or what is special about the answer; empty otherwise
     */
    public record Need(String goal, BigDecimal actual, String note) {
    }

    /** The goals a need is given for: every band above the lowest, then the policy's flag (☆) if it has one. */
    public List<String> goals() {
        List<String> goals = new java.util.ArrayList<>(bands.stream().skip(1).map(Band::mark).toList());
        if (terms.hasFlag()) {
            goals.add(terms.flag());
        }
        return goals;
    }
}
