package jp.kpireview.facts;

/**
 * A KPI counted in whole units (件, 人, 社 …), as the rule 件数のKPI in rules/reference.drl decides: its annual targets
 * on the path are whole numbers too. It carries the place on the path it was decided for, which the rule of the path
 * for counts reads.
 */
public record WholeUnits(PathStep path) implements Stage {

    @Override
    public KpiYear kpi() {
        return path.kpi();
    }
}
