package jp.kpireview.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.Review;

/** The review as a terminal table: per project its KPIs, then the summary line in the published wording. */
public final class ReviewTable {

    /** Column widths in terminal columns; negative = left-aligned. */
    private static final int[] WIDTHS = {-5, -4, 14, 14, -8, 12, 9, 8, -4, -4, 0};

    private ReviewTable() {
    }

    /** The table as a report of a run: printed as each municipality is done. */
    public static ReportWriter<MunicipalityReview> writer(PrintWriter out) {
        return new ReportWriter<>() {
            @Override
            public MunicipalityReview render(MunicipalityReview municipality) {
                return municipality;
            }

            @Override
            public void add(MunicipalityReview municipality) {
                municipality.reviews().forEach(review -> print(municipality.municipality(), review, out));
            }

            @Override
            public void commit() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }

    public static void print(String municipality, Review review, PrintWriter out) {
        out.printf("%s 評価 %s  (ポリシー %s)%n", municipality, FiscalYear.bothLabels(review.year()),
                review.policy().label());
        Map<String, List<Evaluation>> byProject = Evaluation.byProject(review.evaluations());
        for (ProjectSummary summary : review.summaries()) {
            out.printf("%n%s%n", summary.project());
            row(out, "KPI", "方向", "基準値", "実績値", "基準種別", "基準(目標)", "補正前", "スコア", "区分", "達成",
                    "施策KPI");
            byProject.get(summary.project()).forEach(e -> printRow(e, out));
            out.println("  " + summaryLine(summary));
        }
        out.flush();
    }

    /** {@code (集計対象 11事業[16KPI] / 全 11事業[16KPI])  平均スコア 40.90  ×3 ●5 ○5 ◎3 ☆3}. */
    public static String summaryLine(ProjectSummary s) {
        StringBuilder line = new StringBuilder(String.format("(集計対象 %d事業[%dKPI] / 全 %d事業[%dKPI])  平均スコア %s ",
                s.scoredBusinesses(), s.scoredKpis(), s.allBusinesses(), s.allKpis(),
                s.average() == null ? "—" : s.average().toPlainString()));
        s.bandCounts().forEach((mark, count) -> line.append(' ').append(mark).append(count));
        line.append(" ☆").append(s.achieved());
        return s.grade() == null ? line.toString() : line.append("  評価 ").append(s.grade()).toString();
    }

    private static void row(PrintWriter out, String... cells) {
        out.println(TextWidth.row(WIDTHS, cells));
    }

    private static void printRow(Evaluation e, PrintWriter out) {
        String actual = e.kpi().actual(e.year()).map(v -> v.toPlainString() + e.kpi().unit()).orElse("—");
        row(out, e.kpi().id(), e.kpi().directionText(), e.kpi().baseline().toPlainString() + e.kpi().unit(),
                actual, e.referenceKind() == null ? "—" : e.referenceKind().code(),
                e.reference() == null ? "—" : Numbers.reference(e.reference()),
                e.judged() ? e.rawScore().toPlainString() : "—", e.judged() ? e.score().toPlainString() : "—",
                e.band() == null ? "—" : e.band().mark(), e.achieved() ? "☆" : "", e.kpi().name());
    }
}
