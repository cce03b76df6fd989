package jp.kpireview.report;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.function.Function;
import jp.kpireview.diff.RuleDiff;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.io.AtomicFiles;

/** What a rule edit changes, as a terminal table and as a page in the style of report.html. */
public final class DiffReport {

    private static final int[] WIDTHS = {-10, -5, -8, 18, 8, 6, 0};

    private DiffReport() {
    }

    public static void print(RuleDiff.Result r, String before, String after, PrintWriter out) {
        out.printf("%s → %s: %,d KPI-years compared; %d change band or ☆, %d only their score; %d project summaries"
                + " change%n", before, after, r.kpiYears(), r.kpis().size(), r.scoreChanges(), r.summaries().size());
        if (!r.kpis().isEmpty()) {
            out.println();
            row(out, "自治体", "KPI", "年度", "スコア", "区分", "☆", "施策KPI");
            for (RuleDiff.KpiChange c : r.kpis()) {
                Evaluation a = c.before();
                Evaluation b = c.after();
                row(out, a.kpi().municipality(), a.kpi().id(), FiscalYear.label(a.year()),
                        change(a, b, e -> shown(e.score())), change(a, b, DiffReport::band),
                        change(a, b, e -> e.achieved() ? "☆" : "–"), a.kpi().name());
            }
        }
        if (!r.summaries().isEmpty()) {
            out.println();
            for (RuleDiff.SummaryChange c : r.summaries()) {
                out.printf("  %s %s %s%n    %s%n    %s%n", c.municipality(), c.before().project(),
                        FiscalYear.label(c.before().year()), ReviewTable.summaryLine(c.before()),
                        ReviewTable.summaryLine(c.after()));
            }
        }
        out.flush();
    }

    public static void writeHtml(Path file, RuleDiff.Result r, String before, String after) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>ルール変更の影響</title>\n<style>\n" + HtmlReport.STYLE + "td.was { color: #999; }\ntd.nowrap { white-space: nowrap; }\n"
                + "</style>\n</head>\n<body>\n<h1>ルール変更の影響 <small>what the rule edit changes</small></h1>\n");
        html.append("<p class=\"lead\">").append(Html.escape(before)).append(" → ").append(Html.escape(after))
                .append(String.format(": %,d KPI-years; %d change band or ☆, %d only their score; %d project summaries"
                        + " change</p>\n", r.kpiYears(), r.kpis().size(), r.scoreChanges(), r.summaries().size()));
        html.append("<h2>KPI</h2>\n<table class=\"kpis\"><thead><tr><th>自治体</th><th>KPI</th><th>年度</th>"
                + "<th>施策KPI</th><th>スコア</th><th>区分</th><th>☆</th></tr></thead><tbody>\n");
        for (RuleDiff.KpiChange c : r.kpis()) {
            Evaluation a = c.before();
            Evaluation b = c.after();
            html.append("<tr><td class=\"nowrap\">").append(Html.escape(a.kpi().municipality()))
                    .append("</td><td class=\"nowrap\">").append(Html.escape(a.kpi().id()))
                    .append("</td><td class=\"nowrap\">").append(FiscalYear.bothLabels(a.year())).append("</td><td>").append(Html.escape(a.kpi().name())).append("</td><td class=\"n\">")
                    .append(Html.escape(change(a, b, e -> shown(e.score())))).append("</td><td class=\"mark\">")
                    .append(Html.escape(change(a, b, DiffReport::band))).append("</td><td class=\"mark star\">")
                    .append(change(a, b, e -> e.achieved() ? "☆" : "–")).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n<h2>プロジェクト集計</h2>\n<table class=\"summary\"><thead><tr><th>自治体</th>"
                + "<th>プロジェクト</th><th>年度</th><th>変更前</th><th>変更後</th></tr></thead><tbody>\n");
        for (RuleDiff.SummaryChange c : r.summaries()) {
            html.append("<tr><td class=\"nowrap\">").append(Html.escape(c.municipality())).append("</td><td>")
                    .append(Html.escape(c.before().project())).append("</td><td class=\"nowrap\">")
                    .append(FiscalYear.bothLabels(c.before().year())).append("</td><td class=\"was\">")
                    .append(Html.escape(ReviewTable.summaryLine(c.before()))).append("</td><td>")
                    .append(Html.escape(ReviewTable.summaryLine(c.after()))).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n</body>\n</html>\n");
        AtomicFiles.write(file, out -> out.write(html.toString()));
    }

    private static String change(Evaluation a, Evaluation b, Function<Evaluation, String> value) {
        String x = value.apply(a);
        String y = value.apply(b);
        return x.equals(y) ? x : x + " → " + y;
    }

    private static String band(Evaluation e) {
        return e.band() == null ? "—" : e.band().mark();
    }

    private static String shown(BigDecimal score) {
        return score == null ? "—" : score.toPlainString();
    }

    private static void row(PrintWriter out, String... cells) {
        out.println(TextWidth.row(WIDTHS, cells));
    }
}
