package jp.kpireview.report;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jp.kpireview.diff.RuleDiff;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.io.AtomicFiles;

/** What a rule edit changes, as a terminal table and as a page in the style of report.html. */
public final class DiffReport {

    private DiffReport() {
    }

    public static void print(RuleDiff.Result r, String before, String after, PrintWriter out) {
        out.println(before + " → " + after + ": " + counts(r));
        r.scales().forEach(s -> out.println("評価区分の表が違います: " + s));
        if (!r.kpis().isEmpty()) {
            out.println();
            List<String> heading = new ArrayList<>(List.of("自治体", "KPI", "年度"));
            if (r.scored()) {
                heading.add(r.score());
            }
            heading.add("区分");
            if (r.flag() != null) {
                heading.add(r.flag());
            }
            heading.add(r.kpiHeading());
            int[] widths = widths(r);
            out.println(TextWidth.row(widths, heading.toArray(String[]::new)));
            for (RuleDiff.KpiChange c : r.kpis()) {
                Evaluation a = c.before();
                Evaluation b = c.after();
                List<String> cells = new ArrayList<>(List.of(a.kpi().municipality(), a.kpi().id(),
                        FiscalYear.label(a.year())));
                if (r.scored()) {
                    cells.add(change(a, b, e -> shown(e.score())));
                }
                cells.add(change(a, b, DiffReport::band));
                if (r.flag() != null) {
                    cells.add(change(a, b, e -> e.achieved() ? r.flag() : "–"));
                }
                cells.add(a.kpi().name());
                out.println(TextWidth.row(widths, cells.toArray(String[]::new)));
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
                + "</style>\n</head>\n<body>\n<h1>ルール変更の影響</h1>\n");
        html.append("<p class=\"lead\">").append(Html.escape(before)).append(" → ").append(Html.escape(after))
                .append(Html.escape(": " + counts(r))).append("</p>\n");
        r.scales().forEach(s -> html.append("<p class=\"note\">評価区分の表が違います: ")
                .append(Html.escape(s)).append("</p>\n"));
        html.append("<h2>KPI</h2>\n<table class=\"kpis\"><thead><tr><th>自治体</th><th>KPI</th><th>年度</th>"
                + "<th>" + Html.escape(r.kpiHeading()) + "</th>").append(r.scored() ? "<th>" + Html.escape(r.score()) + "</th>" : "")
                .append("<th>区分</th>").append(r.flag() == null ? "" : "<th>" + Html.escape(r.flag()) + "</th>")
                .append("</tr></thead><tbody>\n");
        for (RuleDiff.KpiChange c : r.kpis()) {
            Evaluation a = c.before();
            Evaluation b = c.after();
            html.append("<tr><td class=\"nowrap\">").append(Html.escape(a.kpi().municipality()))
                    .append("</td><td class=\"nowrap\">").append(Html.escape(a.kpi().id()))
                    .append("</td><td class=\"nowrap\">").append(FiscalYear.bothLabels(a.year())).append("</td><td>")
                    .append(Html.escape(a.kpi().name())).append("</td>");
            if (r.scored()) {
                html.append("<td class=\"n\">").append(Html.escape(change(a, b, e -> shown(e.score()))))
                        .append("</td>");
            }
            html.append("<td class=\"mark\">").append(Html.escape(change(a, b, DiffReport::band))).append("</td>");
            if (r.flag() != null) {
                // an unchanged flag column stays plain: only a change is coloured
                String flag = change(a, b, e -> e.achieved() ? r.flag() : "");
                html.append("<td class=\"mark").append(a.achieved() != b.achieved() ? " star" : "").append("\">")
                        .append(Html.escape(flag)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n<h2>プロジェクト集計</h2>\n<table class=\"summary\"><thead><tr><th>自治体</th>"
                + "<th>プロジェクト</th><th>年度</th><th>変更前</th><th>変更後</th></tr></thead><tbody>\n");
        for (RuleDiff.SummaryChange c : r.summaries()) {
            html.append("<tr><td class=\"nowrap\">").append(Html.escape(c.municipality())).append("</td><td>")
                    .append(Html.escape(c.before().project())).append("</td><td class=\"nowrap\">")
                    .append(FiscalYear.bothLabels(c.before().year())).append("</td><td class=\"was\">")
                    .append(Html.escape(ReviewTable.summaryLine(c.before()))).append("</td><td>")
                    .append(marked(ReviewTable.summaryLine(c.before()), ReviewTable.summaryLine(c.after())))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n</body>\n</html>\n");
        AtomicFiles.write(file, out -> out.write(html.toString()));
    }

    /**
     * The summary after the edit, each word that differs from the one in its place before marked ({@code ○5 → ○2}
     * shows as a marked ○2); words that stay are plain.
     */
    static String marked(String before, String after) {
        String[] was = before.split(" ", -1);
        String[] now = after.split(" ", -1);
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < now.length; i++) {
            if (i > 0) {
                html.append(' ');
            }
            boolean same = i < was.length && was[i].equals(now[i]);
            html.append(same || now[i].isEmpty() ? Html.escape(now[i]) : "<mark>" + Html.escape(now[i]) + "</mark>");
        }
        return html.toString();
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

    /** The column widths of the KPI table: the score and flag columns only where a policy has them. */
    private static int[] widths(RuleDiff.Result r) {
        List<Integer> widths = new ArrayList<>(List.of(-10, -5, -8));
        if (r.scored()) {
            widths.add(18);
        }
        widths.add(8);
        if (r.flag() != null) {
            widths.add(6);
        }
        widths.add(0);
        return widths.stream().mapToInt(Integer::intValue).toArray();
    }

    /** 73 の KPI・年度を比べました。区分か☆が変わるもの 5、スコアだけが変わるもの 0、集計が変わるプロジェクト 1. */
    static String counts(RuleDiff.Result r) {
        return String.format("%,d の KPI・年度を比べました。区分%sが変わるもの %d、%sだけが変わるもの %d、集計が変わる"
                + "プロジェクト %d", r.kpiYears(), r.flag() == null ? "" : "か" + r.flag(), r.kpis().size(),
                r.scored() ? r.score() : "スコア", r.scoreChanges(), r.summaries().size());
    }
}
