package jp.kpireview.report;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.PolicyRef;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.Review;
import java.io.IOException;
import jp.kpireview.io.AtomicFile;
import jp.kpireview.io.FileFailure;

/**
 * report.html: one self-contained page (no script, no network) for the people who read the review. An overview of
 * every municipality, then for the first {@code detailed} municipalities each project's summary per year, a chart of
 * its band distribution per year and its KPI table laid out like the published one, with a trend line per KPI.
 * Only small totals are kept for the other municipalities, so a nationwide run stays in bounded memory; their rows
 * are in results.csv and report.xlsx.
 */
public final class HtmlReport implements ReportWriter<HtmlReport.Part> {

    public static final int DEFAULT_DETAILED = 20;

    /** A municipality's totals for one year, from the summary rules' summary of the municipality as a whole. */
    record YearTotals(int year, int kpis, BigDecimal average, List<Integer> bandCounts, int achieved, String grade) {
    }

    /** What the report takes of a municipality: its totals, and the review itself for a detailed section. */
    public record Part(MunicipalityReview review, List<YearTotals> totals) {
    }

    private record Row(String municipality, List<YearTotals> totals) {
    }

    private final Path target;
    private final int detailed;
    private final List<Row> rows = new ArrayList<>();
    private final StringBuilder sections = new StringBuilder();
    private List<Band> bands = List.of();
    private List<String> grades = List.of();
    /** A year's policy and its band scale: what the legend shows. */
    private record YearPolicy(PolicyRef policy, List<Band> bands, jp.kpireview.domain.Terms terms) {
    }

    /** The policy in force each year of the run. */
    private final Map<Integer, YearPolicy> policies = new java.util.TreeMap<>();
    private AtomicFile file;

    public HtmlReport(Path target, int detailed) {
        this.target = target;
        this.detailed = detailed;
    }

    @Override
    public Part render(MunicipalityReview review) {
        List<YearTotals> totals = review.reviews().stream().map(r -> totals(r, review.bands())).toList();
        return new Part(review, totals);
    }

    private static YearTotals totals(Review review, List<Band> bands) {
        ProjectSummary whole = review.overall().get(0);
        List<Integer> counts = bands.stream().map(b -> whole.count(b) == null ? 0 : whole.count(b)).toList();
        return new YearTotals(review.year(), whole.allKpis(), whole.average(), counts, whole.achieved(),
                whole.grade());
    }

    @Override
    public void add(Part part) {
        bands = part.review().bands();
        grades = part.review().grades();
        part.review().reviews().forEach(r -> policies.putIfAbsent(r.year(), new YearPolicy(r.policy(), r.bands(), r.terms())));
        rows.add(new Row(part.review().municipality(), part.totals()));
        if (rows.size() <= detailed) {
            sections.append(new HtmlMunicipality(part.review()).html());
        }
    }

    @Override
    public void finish() {
        file = AtomicFile.create(target);
        try {
            file.writer().write(document());
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.WRITE, target, e);
        }
        file.finish();
    }

    @Override
    public void commit() {
        if (file == null) {
            finish();
        }
        file.commit();
    }

    /** The page is only written at finish; an unfinished one is thrown away. */
    @Override
    public void close() {
        sections.setLength(0);
        if (file != null) {
            file.close();
        }
    }

    private String document() {
        List<Integer> years = rows.stream().flatMap(r -> r.totals().stream().map(YearTotals::year)).distinct()
                .sorted().toList();
        StringBuilder html = new StringBuilder(sections.length() + 64_000);
        html.append("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>KPI評価レポート</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>KPI評価レポート</h1>\n<p class=\"lead\">")
                .append(rows.size()).append(" 自治体 · 評価年度 ")
                .append(String.join(", ", years.stream().map(FiscalYear::bothLabels).toList())).append("</p>\n")
                .append(legend());
        if (rows.size() > 1) {
            html.append("<section class=\"overview\">\n").append(overview(years)).append("</section>\n");
        }
        html.append(sections);
        if (rows.size() > detailed) {
            html.append("<p class=\"note\">詳細は最初の ").append(detailed).append(" 自治体のみ表示しています。残り ")
                    .append(rows.size() - detailed).append(" 自治体は上の一覧の集計だけです。全KPIの結果は results.csv と "
                    + "report.xlsx にあります。</p>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /**
     * The band scale of each policy in force, with the years it covers, as the rules define it, and ☆. A mark has
     * the same colour under every policy.
     */
    private String legend() {
        Map<String, List<Integer>> yearsOf = new LinkedHashMap<>();
        policies.forEach((year, policy) -> yearsOf.computeIfAbsent(policy.policy().label(), p -> new ArrayList<>())
                .add(year));
        StringBuilder html = new StringBuilder();
        yearsOf.forEach((label, years) -> {
            html.append("<p class=\"legend\"><b>").append(Html.escape(label)).append("</b> ")
                    .append(FiscalYear.label(years.get(0)))
                    .append(years.size() > 1 ? "–" + FiscalYear.label(years.get(years.size() - 1)) : "")
                    .append(" 評価区分: ");
            for (Band b : policies.get(years.get(0)).bands()) {
                html.append("<span><i style=\"background:").append(colour(bands, b)).append("\"></i>")
                        .append(Html.escape(b.mark())).append(' ').append(Html.escape(b.label())).append("</span>");
            }
            jp.kpireview.domain.Terms terms = policies.get(years.get(0)).terms();
            if (terms.hasFlag()) {
                html.append("<span>").append(Html.escape(terms.flag())).append(' ')
                        .append(Html.escape(Objects.toString(terms.flagLegend(), ""))).append("</span>");
            }
            html.append("</p>\n");
        });
        return html.toString();
    }

    /** The colour of a band: its place in its own scale, so a position has one colour whatever the scale. */
    static String colour(List<Band> columns, Band band) {
        return SvgCharts.colour(band.rank(), Math.max(band.scaleSize(columns), band.rank() + 1));
    }

    /** Every municipality: its average score per year and its latest year's band counts, with a national chart. */
    private String overview(List<Integer> years) {
        List<SvgCharts.Bar> bars = new ArrayList<>();
        for (int year : years) {
            List<Integer> counts = new ArrayList<>(bands.stream().map(b -> 0).toList());
            rows.forEach(r -> r.totals().stream().filter(t -> t.year() == year).forEach(t -> {
                for (int i = 0; i < counts.size(); i++) {
                    counts.set(i, counts.get(i) + t.bandCounts().get(i));
                }
            }));
            bars.add(new SvgCharts.Bar(FiscalYear.bothLabels(year), counts));
        }
        StringBuilder html = new StringBuilder("<h2>全自治体</h2>\n")
                .append(SvgCharts.bandDistribution(bars, bands, "評価区分の分布 (全自治体)"))
                .append("\n<table class=\"overview\"><thead><tr><th>自治体</th><th>KPI</th>");
        // each year's summary measure under its own policy's name; years whose policy has none have no column
        List<Integer> averaged = years.stream().filter(y -> policies.get(y).terms().hasAverage()).toList();
        averaged.forEach(y -> html.append("<th>").append(Html.escape(policies.get(y).terms().average()))
                .append("<br>").append(FiscalYear.bothLabels(y)).append("</th>"));
        html.append("<th>最新年度</th>");
        SummaryCsv.headings(bands).forEach(h -> html.append("<th>").append(Html.escape(h)).append("</th>"));
        String flag = jp.kpireview.domain.Terms.newest(policies.values().stream().map(YearPolicy::terms).toList(),
                jp.kpireview.domain.Terms::flag);
        html.append(flag == null ? "" : "<th>" + Html.escape(flag) + "</th>")
                .append(grades.isEmpty() ? "" : "<th>評価</th>").append("</tr></thead>\n<tbody>\n");
        for (Row row : rows) {
            TreeMap<Integer, YearTotals> byYear = new TreeMap<>();
            row.totals().forEach(t -> byYear.put(t.year(), t));
            YearTotals latest = byYear.isEmpty() ? null : byYear.lastEntry().getValue();
            html.append("<tr><td>").append(Html.escape(row.municipality())).append("</td><td class=\"n\">")
                    .append(latest == null ? 0 : latest.kpis()).append("</td>");
            averaged.forEach(y -> html.append("<td class=\"n\">").append(score(byYear.containsKey(y)
                    ? byYear.get(y).average() : null)).append("</td>"));
            html.append("<td>").append(latest == null ? "—" : FiscalYear.label(latest.year())).append("</td>");
            for (int i = 0; i < bands.size(); i++) {
                html.append("<td class=\"n\">").append(latest == null ? "" : latest.bandCounts().get(i)).append("</td>");
            }
            if (flag != null) {
                html.append("<td class=\"n\">").append(latest == null ? "" : latest.achieved()).append("</td>");
            }
            if (!grades.isEmpty()) {
                html.append("<td>").append(latest == null || latest.grade() == null ? "" : Html.escape(latest.grade()))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody></table>\n").toString();
    }

    static String score(BigDecimal value) {
        return value == null ? "—" : value.toPlainString();
    }

    /** The page style, shared with the diff page. */
    static final String STYLE = """
            body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif;
                   margin: 16px; color: #222; font-size: 13px; }
            h1 small, h2 small { color: #777; font-weight: normal; font-size: 60%; }
            h2 { border-bottom: 2px solid #2e86c1; padding-bottom: 4px; margin-top: 32px; }
            h3 { margin: 22px 0 6px; }
            .lead { color: #444; }
            .legend span { margin-right: 14px; white-space: nowrap; }
            .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
            table { border-collapse: collapse; margin: 6px 0 12px; }
            th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: middle; }
            th { background: #eef3f8; font-weight: 600; }
            caption { text-align: left; font-weight: 600; padding: 2px 0; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.c, td.mark, th.mark { text-align: center; }
            td.mark { font-size: 16px; font-weight: bold; }
            td.star { color: #d4a017; }
            td.trend { white-space: nowrap; }
            td.note-cell { color: #555; font-size: 11px; max-width: 24em; }
            table.kpis { font-size: 12px; }
            table.kpis th, table.kpis td { padding: 2px 4px; }
            table.kpis th small { font-size: 10px; font-weight: normal; word-break: normal; }
            table.kpis th.mark small { white-space: nowrap; }
            table.kpis td:nth-child(2), table.kpis td:nth-child(3) { min-width: 6em; }
            table.kpis svg.kpi { width: 120px; height: 40px; }
            th { word-break: keep-all; }
            .pair { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
            svg text { font-size: 12px; }
            svg text.in { fill: #fff; text-anchor: middle; font-weight: bold; }
            svg.kpi { vertical-align: middle; }
            svg.kpi polyline { fill: none; stroke: #2e86c1; stroke-width: 1.6; }
            svg.kpi circle { fill: #2e86c1; }
            svg.kpi line.base { stroke: #999; stroke-width: 1; stroke-dasharray: 1 2; }
            svg.kpi line.goal { stroke: #1e8449; stroke-width: 1.2; stroke-dasharray: 4 3; }
            svg.kpi line.annual { stroke: #d35400; stroke-width: 2; }
            svg.kpi text.axis { font-size: 9px; fill: #666; }
            .note { color: #555; border-left: 3px solid #ccc; padding-left: 8px; }
            @page { size: A4 landscape; margin: 8mm; }
            @media print {
              body { margin: 0; font-size: 8px; }
              section + section.municipality { page-break-before: always; }
              th, td { padding: 1px 3px; }
              td.mark { font-size: 11px; }
              table.kpis td:nth-child(2), table.kpis td:nth-child(3) { min-width: 7em; }
              table.kpis tr, table.plan tr { page-break-inside: avoid; }
              h3.plan { page-break-before: always; }
              table.kpis { font-size: 8px; }
              table.kpis th small { font-size: 7px; }
              table.kpis svg.kpi { width: 110px; height: 36px; }
              svg.bands { width: 360px; height: auto; }
            }
            """;
}
