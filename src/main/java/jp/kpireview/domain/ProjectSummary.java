package jp.kpireview.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The summary row of a project (プロジェクト) for a year, as the published table prints it:
 * {@code (集計対象 11事業[16KPI] / 全 11事業[16KPI])  平均スコア 40.90  × ● ○ ◎ ☆}. The summary rules
 * (rules/summary.drl) decide which KPIs count (集計対象), how the average is formed and rounded, and any grade.
 *
 * @param project          the project's name; null for the municipality as a whole
 * @param scoredBusinesses businesses with at least one counted KPI
 * @param scoredKpis       the KPIs the summary counts (集計対象)
 * @param average          the average score as the rules formed it; null when none was counted
 * @param bandCounts       counted KPIs per band mark, in the order of the band scale
 * @param achieved         counted KPIs with ☆
 * @param grade            the grade the rules gave (e.g. 順調); null when the rules give none
 * @param terms            the words of the policy that made the summary (its measure and flag, or none)
 * @param bands            the scale of that policy, lowest first: what {@code bandCounts} counts
 * @param trace            the rules that fired about the summary, in order, when the run kept a trace (explain
 *                         --project); empty otherwise
 */
public record ProjectSummary(
        String project,
        int year,
        int scoredBusinesses,
        int allBusinesses,
        int scoredKpis,
        int allKpis,
        BigDecimal average,
        Map<String, Integer> bandCounts,
        int achieved,
        String grade,
        Terms terms,
        java.util.List<Band> bands,
        java.util.List<RuleStep> trace) {

    public ProjectSummary {
        trace = java.util.List.copyOf(trace);
    }

    /** A summary without a trace. */
    public ProjectSummary(String project, int year, int scoredBusinesses, int allBusinesses, int scoredKpis,
            int allKpis, BigDecimal average, Map<String, Integer> bandCounts, int achieved, String grade, Terms terms,
            java.util.List<Band> bands) {
        this(project, year, scoredBusinesses, allBusinesses, scoredKpis, allKpis, average, bandCounts, achieved,
                grade, terms, bands, java.util.List.of());
    }

    /**
     * The count under a band column of a report over several scales: this summary's count when the column is a band
     * of its own scale, else null (the column belongs to another policy's scale).
     */
    public Integer count(Band column) {
        return bands.contains(column) ? bandCounts.getOrDefault(column.mark(), 0) : null;
    }

    /** The cell of the flag count: the count when the policy has a flag (☆), else empty. */
    public Object achievedCell() {
        return terms.hasFlag() ? achieved : "";
    }
}
