package jp.kpireview.facts;

import java.math.BigDecimal;
import jp.kpireview.domain.Kpi;

/**
 * A KPI as of one evaluated fiscal year: the input fact of the rules. Immutable; the rules write their conclusions
 * into {@link #outcome()}.
 *
 * @param municipality    the city or town (自治体); project, businessNo and business place the KPI in the strategy
 * @param directionText   the direction as written in the data; the direction rules interpret it
 * @param actuals         the actual of every year the city recorded, by fiscal year (the rules decide, e.g., what
 *                        makes a KPI a count; {@link #actualIn} reads one year's)
 * @param finalTarget     the final target (目標値) in force in the year judged: a target revised mid-plan (上方修正)
 *                        from the year of its revision on
 * @param firstActualYear first fiscal year with an actual (step 1 of the linear path); null when there is none
 * @param actual          the actual of the evaluated year; null when the city has none (—)
 * @param annualTarget    the annual target (年度目標値) the city set for the year; null when it set none
 * @param note            the data's free text (備考), e.g. 対象外 where the city decided not to review the KPI
 * @param targetBound     以上 or 以下 where the target is written so (80%以上); empty otherwise
 * @param attributes      the town's own columns of the KPI's sheet (重み, 再掲 …): heading → the cell's text; read by
 *                        {@link #attribute} and {@link #attributeNumber}
 */
public record KpiYear(
        String municipality,
        String project,
        String businessNo,
        String business,
        String kpiId,
        String directionText,
        String unit,
        java.util.NavigableMap<Integer, BigDecimal> actuals,
        BigDecimal baseline,
        BigDecimal finalTarget,
        int year,
        Integer firstActualYear,
        int targetYear,
        BigDecimal actual,
        BigDecimal annualTarget,
        String note,
        String targetBound,
        java.util.Map<String, String> attributes,
        Outcome outcome) implements Stage {

    /**
     * The baseline (基準値). A policy that uses it needs every KPI to have one: a KPI without is a data error naming
     * it (see {@link MissingValue}); a policy that does not use it never asks.
     */
    @Override
    public BigDecimal baseline() {
        if (baseline == null) {
            throw new MissingValue(this, "baseline", "基準値");
        }
        return baseline;
    }

    /**
     * True when the baseline (if any), the final target and every actual are whole numbers (12, 12.00, not 12.5):
     * what the rules read when they decide whether a KPI counts in whole units (件, 人 …).
     */
    public boolean isWholeNumbers() {
        if (baseline != null && !Decimals.whole(baseline) || !Decimals.whole(finalTarget)) {
            return false;
        }
        // a loop, not a stream: asked for every KPI-year on the straight path, over a handful of actuals
        for (BigDecimal actual : actuals.values()) {
            if (!Decimals.whole(actual)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The unit (件, 人, % …) under a name the rules can use in a condition: the executable model's parser reads
     * {@code unit} in a condition as the start of a quantity, and fails.
     */
    public String unitName() {
        return unit;
    }

    /**
     * The cell of the town's own column {@code heading} (重み, 再掲, 所管課 …) as text, "" when it is empty. A column the
     * KPI's sheet does not have is a data error naming the KPI, the column and the rule ({@link MissingValue}), so
     * that a heading misspelt in a rule or missing from a sheet is never read as empty.
     */
    public String attribute(String heading) {
        String text = attributes.get(heading);
        if (text == null) {
            if (attributes == Kpi.ANY_COLUMNS) {
                return "";
            }
            throw MissingValue.noColumn(this, heading);
        }
        return text;
    }

    /**
     * The same cell as a number (the 重み of a weighted average), null when it is empty; a cell that holds no number
     * is a data error naming the KPI, the column and the rule.
     */
    public BigDecimal attributeNumber(String heading) {
        String text = attribute(heading);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return jp.kpireview.io.KpiTable.number(text);
        } catch (IllegalArgumentException e) {
            throw MissingValue.notANumber(this, heading, e.getMessage());
        }
    }

    /**
     * The KPI's actual of fiscal year {@code fiscalYear} as the data holds it, any year (an earlier year's, to compare
     * with: a 累計 KPI never falls); null when the data has none for that year.
     */
    public BigDecimal actualIn(int fiscalYear) {
        return actuals.get(fiscalYear);
    }

    /** True when the data holds an actual for fiscal year {@code fiscalYear}. */
    public boolean hasActualIn(int fiscalYear) {
        return actuals.containsKey(fiscalYear);
    }

    /** The sum of the KPI's actuals of every year up to and including {@code fiscalYear} (a 累計 of yearly counts). */
    public BigDecimal sumOfActualsThrough(int fiscalYear) {
        return actuals.headMap(fiscalYear, true).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** True when the data gives the KPI a baseline. */
    public boolean hasBaseline() {
        return baseline != null;
    }

    /**
     * The same hash for equal KPI-years, from the fields that tell them apart: the rules join every stage on its
     * KPI-year ({@code kpi == $d.kpi}), and the record's own hash, of all eighteen fields and every actual, took an
     * eighth of the rules' time.
     */
    @Override
    public int hashCode() {
        return (31 * municipality.hashCode() + kpiId.hashCode()) * 31 + year;
    }

    /**
     * Each KPI-year carries an outcome of its own (compared by identity), so two KPI-years are equal only when they
     * are the same fact: said by identity, instead of the record's comparison of all nineteen fields at every join.
     */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    /** The input is its own KPI-year. */
    @Override
    public KpiYear kpi() {
        return this;
    }


    /** True when this KPI-year is one of the KPIs of {@code group} (its project's, or its municipality's, year). */
    public boolean belongsTo(ProjectYear group) {
        return year == group.year() && municipality.equals(group.municipality())
                && (group.project() == null || group.project().equals(project));
    }

    public static KpiYear of(Kpi kpi, int year) {
        java.util.NavigableMap<Integer, BigDecimal> actuals = kpi.actuals();
        return new KpiYear(kpi.municipality(), kpi.project(), kpi.businessNo(), kpi.business(), kpi.id(),
                kpi.directionText(), kpi.unit(), actuals, kpi.baseline(), kpi.targetIn(year), year,
                actuals.isEmpty() ? null : actuals.firstKey(), kpi.targetYear(), actuals.get(year),
                kpi.annualTargets().get(year), kpi.note(), kpi.targetBound(), kpi.attributes(), new Outcome());
    }
}
