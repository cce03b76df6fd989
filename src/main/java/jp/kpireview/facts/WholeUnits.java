package jp.kpireview.facts;

/**
 * A KPI counted in whole units (件, 人, 社 …), as the rule 件数のKPI in rules/reference.drl decides: its annual targets
 * on the path are whole numbers too.
 */
public record WholeUnits(KpiYear kpi) implements Stage {
}
