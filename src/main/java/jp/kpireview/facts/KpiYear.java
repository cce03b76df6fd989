package jp.kpireview.facts;

import java.math.BigDecimal;
import jp.kpireview.domain.Kpi;

/**
 * A KPI as of one evaluated fiscal year: the input fact of the rules. Immutable; the rules write their conclusions
 * into {@link #outcome()}.
 *
 * @param directionText   the direction as written in the data; the direction rules interpret it
 * @param wholeNumbers    baseline, target and actuals are all whole numbers (counts such as 件 or 人)
 * @param firstActualYear first fiscal year with an actual (step 1 of the linear path); null when there is none
 * @param actual          the actual of the evaluated year; null when the city has none (—)
 * @param plan            the annual target the city set for the year; null when it set none
 */
public record KpiYear(
        String kpiId,
        String directionText,
        String unit,
        boolean wholeNumbers,
        BigDecimal baseline,
        BigDecimal finalTarget,
        int year,
        Integer firstActualYear,
        int targetYear,
        BigDecimal actual,
        BigDecimal plan,
        Outcome outcome) implements Stage {

    /** The input is its own KPI-year. */
    @Override
    public KpiYear kpi() {
        return this;
    }

    @Override
    public String explain() {
        return "data: " + directionText + " baseline " + Decimals.shown(baseline) + " final target "
                + Decimals.shown(finalTarget) + " (FY" + targetYear + "), actual " + (actual == null ? "—"
                : Decimals.shown(actual)) + (plan == null ? "" : ", the city's annual target " + Decimals.shown(plan));
    }

    public static KpiYear of(Kpi kpi, int year) {
        return new KpiYear(kpi.id(), kpi.directionText(), kpi.unit(), kpi.wholeNumbers(), kpi.baseline(),
                kpi.finalTarget(), year, kpi.firstActualYear().orElse(null), kpi.targetYear(),
                kpi.actual(year).orElse(null), kpi.plan(year).orElse(null), new Outcome());
    }
}
