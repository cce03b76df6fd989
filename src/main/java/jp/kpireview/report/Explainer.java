package jp.kpireview.report;

import java.util.List;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.engine.Review;

/**
 * explain's answer, for the command line and the service's page alike: how one KPI's result, or one project's summary
 * and grade, came about in a year, rule by rule, in the policy's words ({@link Explanation}).
 */
public final class Explainer {

    /** How --project (and the page) names the summary of the municipality as a whole. */
    public static final String WHOLE = "全体";

    private Explainer() {
    }

    /**
     * The explanation of KPI {@code kpiId} or of project {@code project} (exactly one of them) of {@code municipality}
     * (null: the data's only one) in {@code year}.
     *
     * @param engine an engine that records every firing in words ({@link PolicyEngine#traced()})
     * @param source the data's name, for the located errors
     */
    public static List<String> lines(PolicyEngine engine, List<Kpi> all, String source, int year, String kpiId,
            String project, String municipality) {
        List<String> municipalities = all.stream().map(Kpi::municipality).distinct().toList();
        String town = municipality != null ? municipality : municipalities.size() == 1 ? municipalities.get(0) : null;
        if (kpiId != null) {
            List<Kpi> kpis = all.stream().filter(k -> k.id().equals(kpiId) && (town == null
                    || k.municipality().equals(town))).toList();
            if (kpis.size() != 1) {
                throw new DataException(new SourceLocation(source, 0), "kpi_id", kpis.isEmpty()
                        ? "KPI '" + kpiId + "' がありません (no KPI '" + kpiId + "')"
                        : "KPI '" + kpiId + "' は複数の自治体にあります: 自治体を一つ選びます (municipality)");
            }
            Review review = engine.evaluate(kpis, year);
            return Explanation.lines(review.evaluations().get(0), review.policy(), review.terms());
        }
        if (town == null) {
            throw new DataException(new SourceLocation(source, 0), "municipality", "データに自治体が "
                    + municipalities.size() + " あります: 一つを選びます (" + String.join("、", municipalities) + ")");
        }
        List<Kpi> kpis = all.stream().filter(k -> k.municipality().equals(town)).toList();
        if (kpis.isEmpty()) {
            throw new DataException(new SourceLocation(source, 0), "municipality", "自治体 '" + town
                    + "' の KPI がありません");
        }
        Review review = engine.evaluate(kpis, year);
        List<ProjectSummary> summaries = project.equals(WHOLE) ? review.overall()
                : review.summaries().stream().filter(s -> project.equals(s.project())).toList();
        if (summaries.isEmpty()) {
            throw new DataException(new SourceLocation(source, 0), "project", "プロジェクト '" + project
                    + "' がありません。次のどれかを書きます: " + String.join("、", review.summaries().stream()
                    .map(ProjectSummary::project).toList()) + "、" + WHOLE);
        }
        return Explanation.summaryLines(summaries.get(0), town, year, review.policy());
    }
}
