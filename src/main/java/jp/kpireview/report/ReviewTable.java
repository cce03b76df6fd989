package jp.kpireview.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.domain.Terms;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.Review;

/**
 * The review as a terminal table: per project its KPIs, then the summary line in the published wording. The score,
 * raw score and flag columns are those the policy names (its {@link Terms}); a policy without a score has none.
 */
public final class ReviewTable {

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

    /** One column: its heading, width in terminal columns (negative: left-aligned) and cell. */
    private record Column(String heading, int width, java.util.function.Function<Evaluation, String> cell) {
    }

    private static List<Column> columns(Terms terms) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("KPI", -5, e -> e.kpi().id()));
        columns.add(new Column("方向", -4, e -> e.kpi().directionText()));
        columns.add(new Column("基準値", 14, e -> e.kpi().baseline() == null ? "—"
                : e.kpi().baseline().toPlainString() + e.kpi().unit()));
        columns.add(new Column("実績値", 14, e -> e.kpi().actual(e.year()).map(v -> v.toPlainString() + e.kpi().unit())
                .orElse("—")));
        if (terms.hasScore()) {
            columns.add(new Column("基準種別", -8, e -> e.referenceKind() == null ? "—"
                    : e.referenceKind().named(terms)));
            columns.add(new Column("基準(目標)", 12, e -> e.reference() == null ? "—" : Numbers.reference(e.reference())));
        }
        if (terms.hasRawScore()) {
            columns.add(new Column(terms.rawScore(), 9, e -> Numbers.orDash(e.rawScore())));
        }
        if (terms.hasScore()) {
            columns.add(new Column(terms.score(), 8, e -> Numbers.orDash(e.score())));
        }
        columns.add(new Column("区分", -4, e -> e.band() != null ? e.band().mark() : e.status().label()));
        if (terms.hasFlag()) {
            columns.add(new Column(terms.flag(), -4, e -> e.judged() && e.achieved() ? terms.flag() : ""));
        }
        columns.add(new Column(terms.word("施策KPI"), 0, e -> e.kpi().name()));
        return columns;
    }

    public static void print(String municipality, Review review, PrintWriter out) {
        out.printf("%s 評価 %s  (ポリシー %s)%n", municipality, FiscalYear.bothLabels(review.year()),
                review.policy().label());
        List<Column> columns = columns(review.terms());
        int[] widths = columns.stream().mapToInt(Column::width).toArray();
        Map<String, List<Evaluation>> byProject = Evaluation.byProject(review.evaluations());
        for (ProjectSummary summary : review.summaries()) {
            out.printf("%n%s%n", summary.project());
            out.println(TextWidth.row(widths, columns.stream().map(Column::heading).toArray(String[]::new)));
            for (Evaluation e : byProject.get(summary.project())) {
                out.println(TextWidth.row(widths, columns.stream().map(c -> c.cell().apply(e)).toArray(String[]::new)));
            }
            out.println("  " + summaryLine(summary));
        }
        out.flush();
    }

    /**
     * {@code (集計対象 11事業[16KPI] / 全 11事業[16KPI])  平均スコア 40.90  ×3 ●5 ○5 ◎3 ☆3}: the measure and the flag
     * under the policy's names, and only where it has them.
     */
    /** {@code (集計対象 11事業[16KPI] / 全 11事業[16KPI])}, in the policy's words for 集計対象 and 全. */
    public static String counts(ProjectSummary s) {
        return String.format("(%s %d事業[%dKPI] / %s %d事業[%dKPI])", s.terms().word("集計対象"), s.scoredBusinesses(),
                s.scoredKpis(), s.terms().word("全"), s.allBusinesses(), s.allKpis());
    }

    public static String summaryLine(ProjectSummary s) {
        Terms terms = s.terms();
        StringBuilder line = new StringBuilder(counts(s)).append(' ');
        if (terms.hasAverage()) {
            line.append(' ').append(terms.average()).append(' ').append(Numbers.orDash(s.average())).append(' ');
        }
        s.bandCounts().forEach((mark, count) -> line.append(' ').append(mark).append(count));
        if (terms.hasFlag()) {
            line.append(' ').append(terms.flag()).append(s.achieved());
        }
        return s.grade() == null ? line.toString() : line.append("  評価 ").append(s.grade()).toString();
    }
}
