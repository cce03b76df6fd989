package jp.kpireview.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The summary row of a project (プロジェクト) for a year, as the published table prints it:
 * {@code (集計対象 11事業[16KPI] / 全 11事業[16KPI])  平均スコア 40.90  × ● ○ ◎ ☆}. Only scored KPIs count as
 * 集計対象 and enter the average and the band counts.
 *
 * @param average    mean of the clamped scores of the scored KPIs, 2 decimals half-up (as printed); null if none
 * @param bandCounts scored KPIs per band mark, in the order of the band scale
 * @param achieved   scored KPIs with ☆
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
        int achieved) {

    private static final int AVERAGE_DECIMALS = 2;

    /** One summary per project, in the order the projects first appear. */
    public static List<ProjectSummary> of(List<Evaluation> evaluations, List<Band> bands) {
        List<ProjectSummary> summaries = new ArrayList<>();
        Evaluation.byProject(evaluations).forEach((project, rows) -> summaries.add(summarise(project, rows, bands)));
        return summaries;
    }

    private static ProjectSummary summarise(String project, List<Evaluation> rows, List<Band> bands) {
        List<Evaluation> scored = rows.stream().filter(Evaluation::scored).toList();
        Map<String, Integer> counts = new LinkedHashMap<>();
        bands.forEach(b -> counts.put(b.mark(), 0));
        scored.forEach(e -> counts.merge(e.band().mark(), 1, Integer::sum));
        return new ProjectSummary(project, rows.get(0).year(), businesses(scored), businesses(rows), scored.size(),
                rows.size(), average(scored), counts, (int) scored.stream().filter(Evaluation::achieved).count());
    }

    private static int businesses(List<Evaluation> rows) {
        return (int) rows.stream().map(e -> e.kpi().businessNo()).filter(Objects::nonNull).distinct().count();
    }

    private static BigDecimal average(List<Evaluation> scored) {
        return mean(scored.stream().map(Evaluation::score).reduce(BigDecimal.ZERO, BigDecimal::add), scored.size());
    }

    /** An average score as the published table prints it (2 decimals, half-up); null for no scores. */
    public static BigDecimal mean(BigDecimal sum, int count) {
        return count == 0 ? null : sum.divide(BigDecimal.valueOf(count), AVERAGE_DECIMALS, RoundingMode.HALF_UP);
    }
}
