package jp.kpireview.facts;

/**
 * Where the evaluated year stands on the straight path from the baseline to the final target, as the rule
 * 道筋のその年の位置 in rules/reference.drl decides: year {@code step} of {@code steps}. It carries the directed KPI-year
 * it was made from, so the reference rules of the path match this fact alone instead of joining it back to its
 * {@link Directed} (the join had cost 14 % of the rules' time, docs/scale-and-speed.md).
 */
public record PathStep(Directed directed, int step, int steps) implements Stage {

    @Override
    public KpiYear kpi() {
        return directed.kpi();
    }
}
