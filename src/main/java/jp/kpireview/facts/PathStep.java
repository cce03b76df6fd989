package jp.kpireview.facts;

/**
 * Where the evaluated year stands on the straight path from the baseline to the final target, as the rule
 * 道筋のその年の位置 in rules/reference.drl decides: year {@code step} of {@code steps}.
 */
public record PathStep(KpiYear kpi, int step, int steps) implements Stage {
}
