package jp.kpireview.report;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.KpiHistory;
import jp.kpireview.domain.Plan;
import jp.kpireview.domain.PolicyRef;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.domain.Status;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.Review;
import java.io.IOException;
import java.io.UncheckedIOException;
import jp.kpireview.io.AtomicFile;

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
    private record YearPolicy(PolicyRef policy, List<Band> bands) {
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
        List<Integer> counts = bands.stream().map(b -> whole.bandCounts().getOrDefault(b.mark(), 0)).toList();
        return new YearTotals(review.year(), whole.allKpis(), whole.average(), counts, whole.achieved(),
                whole.grade());
    }

    @Override
    public void add(Part part) {
        bands = part.review().bands();
        grades = part.review().grades();
        part.review().reviews().forEach(r -> policies.putIfAbsent(r.year(), new YearPolicy(r.policy(), r.bands())));
        rows.add(new Row(part.review().municipality(), part.totals()));
        if (rows.size() <= detailed) {
            sections.append(new MunicipalitySection(part.review()).html());
        }
    }

    @Override
    public void finish() {
        file = AtomicFile.create(target);
        try {
            file.writer().write(document());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
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
                .append("<h1>KPI評価レポート <small>KPI review</small></h1>\n<p class=\"lead\">")
                .append(rows.size()).append(" 自治体 · 評価年度 ")
                .append(String.join(", ", years.stream().map(FiscalYear::bothLabels).toList())).append("</p>\n")
                .append(legend());
        if (rows.size() > 1) {
            html.append(overview(years));
        }
        html.append(sections);
        if (rows.size() > detailed) {
            html.append("<p class=\"note\">詳細は最初の ").append(detailed).append(" 自治体のみ表示しています。残り ")
                    .append(rows.size() - detailed).append(" 自治体は上の一覧の集計だけです。全KPIの結果は results.csv と "
                    + "report.xlsx にあります。 (Details are shown for the first ").append(detailed)
                    .append(" municipalities; every KPI is in results.csv and report.xlsx.)</p>\n");
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
            html.append("<span>☆ 目標達成</span></p>\n");
        });
        return html.toString();
    }

    /** The colour of a band's mark: its place among the band columns (the bands of every policy of the run). */
    private static String colour(List<Band> columns, Band band) {
        int i = columns.stream().map(Band::mark).toList().indexOf(band.mark());
        return SvgCharts.colour(Math.max(i, 0), columns.size());
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
        StringBuilder html = new StringBuilder("<h2>全自治体 <small>all municipalities</small></h2>\n")
                .append(SvgCharts.bandDistribution(bars, marks(), "評価区分の分布 (全自治体)"))
                .append("\n<table class=\"overview\"><thead><tr><th>自治体</th><th>KPI</th>");
        years.forEach(y -> html.append("<th>平均スコア<br>").append(FiscalYear.bothLabels(y)).append("</th>"));
        html.append("<th>最新年度</th>");
        bands.forEach(b -> html.append("<th>").append(Html.escape(b.mark())).append("</th>"));
        html.append("<th>☆</th>").append(grades.isEmpty() ? "" : "<th>評価</th>").append("</tr></thead>\n<tbody>\n");
        for (Row row : rows) {
            TreeMap<Integer, YearTotals> byYear = new TreeMap<>();
            row.totals().forEach(t -> byYear.put(t.year(), t));
            YearTotals latest = byYear.isEmpty() ? null : byYear.lastEntry().getValue();
            html.append("<tr><td>").append(Html.escape(row.municipality())).append("</td><td class=\"n\">")
                    .append(latest == null ? 0 : latest.kpis()).append("</td>");
            years.forEach(y -> html.append("<td class=\"n\">").append(score(byYear.containsKey(y)
                    ? byYear.get(y).average() : null)).append("</td>"));
            html.append("<td>").append(latest == null ? "—" : FiscalYear.label(latest.year())).append("</td>");
            for (int i = 0; i < bands.size(); i++) {
                html.append("<td class=\"n\">").append(latest == null ? "" : latest.bandCounts().get(i)).append("</td>");
            }
            html.append("<td class=\"n\">").append(latest == null ? "" : latest.achieved()).append("</td>");
            if (!grades.isEmpty()) {
                html.append("<td>").append(latest == null || latest.grade() == null ? "" : Html.escape(latest.grade()))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody></table>\n").toString();
    }

    private List<String> marks() {
        return bands.stream().map(Band::mark).toList();
    }

    static String score(BigDecimal value) {
        return value == null ? "—" : value.toPlainString();
    }

    /** One municipality in full: per project the summaries, the band chart and the KPI table. */
    private record MunicipalitySection(MunicipalityReview review) {

        String html() {
            StringBuilder html = new StringBuilder("<section class=\"municipality\">\n<h2>")
                    .append(Html.escape(review.municipality())).append(" <small>").append(Html.escape(review.source()))
                    .append("</small></h2>\n");
            Map<String, List<KpiHistory>> byProject = new LinkedHashMap<>();
            review.histories().forEach(h -> byProject.computeIfAbsent(h.kpi().project(), p -> new ArrayList<>()).add(h));
            Map<String, List<ProjectSummary>> summaries = new LinkedHashMap<>();
            review.reviews().forEach(r -> r.summaries().forEach(s ->
                    summaries.computeIfAbsent(s.project(), p -> new ArrayList<>()).add(s)));
            byProject.forEach((project, histories) -> html.append(project(project, summaries.get(project), histories)));
            if (review.plan() != null) {
                html.append(planTable(review.plan()));
            }
            return html.append("</section>\n").toString();
        }

        /**
         * 次年度計画: the actual each KPI needs in the planned year for each band (that band or better) and ☆, as the
         * rules in force that year decide; "以上" for KPIs where higher is better, "以下" where lower is.
         */
        private static String planTable(Plan plan) {
            List<Band> goals = plan.bands().subList(1, plan.bands().size());
            StringBuilder html = new StringBuilder("<h3 class=\"plan\">").append(FiscalYear.bothLabels(plan.year()))
                    .append(" の計画 <small>各区分に必要な実績値 (the actual each KPI needs, found with the rules of ")
                    .append(Html.escape(plan.policy().label())).append(")</small></h3>\n")
                    .append("<table class=\"plan\"><thead><tr><th>No.</th><th>プロジェクト</th><th>KPI</th><th>方向</th>"
                            + "<th>基準値</th><th>最新実績値</th><th>目標値</th>");
            goals.forEach(b -> html.append("<th class=\"mark\">").append(Html.escape(b.mark())).append("<br><small>")
                    .append(Html.escape(b.label())).append("</small></th>"));
            html.append("<th class=\"mark\">☆</th><th>備考</th></tr></thead><tbody>\n");
            for (Plan.KpiNeeds p : plan.kpis()) {
                Kpi k = p.kpi();
                Function<BigDecimal, String> withUnit = v -> v == null ? "—" : v.toPlainString() + Html.escape(k.unit());
                Map.Entry<Integer, BigDecimal> latest = k.actuals().lowerEntry(plan.year());
                html.append("<tr><td>").append(Html.escape(k.id())).append("</td><td>").append(Html.escape(k.project()))
                        .append("</td><td>").append(Html.escape(k.name())).append("</td><td class=\"c\">")
                        .append(Html.escape(k.directionText())).append("</td><td class=\"n\">")
                        .append(withUnit.apply(k.baseline())).append("</td><td class=\"n\">")
                        .append(latest == null ? "—" : withUnit.apply(latest.getValue()) + " <small>("
                                + FiscalYear.japaneseLabel(latest.getKey()) + ")</small>")
                        .append("</td><td class=\"n\">").append(withUnit.apply(k.finalTarget())).append("</td>");
                for (Plan.Need need : p.needs()) {
                    html.append("<td class=\"n\">").append(need.actual() == null ? "—"
                            : withUnit.apply(need.actual()) + (p.higherIsBetter() ? "以上" : "以下")).append("</td>");
                }
                html.append("<td class=\"note-cell\">").append(Html.escape(p.notes())).append("</td></tr>\n");
            }
            return html.append("</tbody></table>\n").toString();
        }

        private String project(String project, List<ProjectSummary> summaries, List<KpiHistory> histories) {
            List<Band> bands = review.bands();
            StringBuilder html = new StringBuilder("<h3>").append(Html.escape(project)).append("</h3>\n")
                    .append("<div class=\"pair\"><table class=\"summary\"><thead><tr><th>年度</th><th>集計対象 / 全体</th>"
                            + "<th>平均スコア</th>");
            bands.forEach(b -> html.append("<th>").append(Html.escape(b.mark())).append("</th>"));
            html.append("<th>☆</th>").append(review.grades().isEmpty() ? "" : "<th>評価</th>")
                    .append("</tr></thead><tbody>\n");
            List<SvgCharts.Bar> bars = new ArrayList<>();
            for (ProjectSummary s : summaries) {
                html.append("<tr><td>").append(FiscalYear.bothLabels(s.year())).append("</td><td>")
                        .append(String.format("(集計対象 %d事業[%dKPI] / 全 %d事業[%dKPI])", s.scoredBusinesses(),
                                s.scoredKpis(), s.allBusinesses(), s.allKpis()))
                        .append("</td><td class=\"n\">").append(score(s.average())).append("</td>");
                bands.forEach(b -> html.append("<td class=\"n\">").append(s.bandCounts().containsKey(b.mark())
                        ? s.bandCounts().get(b.mark()) : "").append("</td>"));
                html.append("<td class=\"n\">").append(s.achieved()).append("</td>")
                        .append(s.grade() == null ? "" : "<td class=\"grade\">" + Html.escape(s.grade()) + "</td>")
                        .append("</tr>\n");
                bars.add(new SvgCharts.Bar(FiscalYear.bothLabels(s.year()), bands.stream()
                        .map(b -> s.bandCounts().getOrDefault(b.mark(), 0)).toList()));
            }
            html.append("</tbody></table>\n")
                    .append(SvgCharts.bandDistribution(bars, bands.stream().map(Band::mark).toList(),
                            project + " 評価区分の分布"))
                    .append("</div>\n");
            return html.append(kpiTable(histories)).toString();
        }

        /** The latest year's KPI rows as the published table lays them out, with the trend of each KPI. */
        private String kpiTable(List<KpiHistory> histories) {
            Review last = review.reviews().get(review.reviews().size() - 1);
            List<Band> bands = last.bands();
            int latest = last.year();
            // every year with an actual up to the one shown, as the published table has them, even when only the
            // latest year was evaluated
            java.util.TreeSet<Integer> shown = new java.util.TreeSet<>(review.years());
            histories.forEach(h -> shown.addAll(h.kpi().actuals().headMap(latest, true).keySet()));
            List<Integer> years = List.copyOf(shown);
            Kpi first = histories.get(0).kpi();
            StringBuilder html = new StringBuilder("<table class=\"kpis\"><caption>")
                    .append(FiscalYear.bothLabels(latest)).append(" の評価 <small>(")
                    .append(Html.escape(last.policy().label())).append(")</small></caption><thead><tr><th>No.</th><th>事業名</th>"
                            + "<th>KPI</th><th>基準値<br>").append(FiscalYear.japaneseLabel(first.baselineYear()))
                    .append("</th>");
            years.forEach(y -> html.append("<th>").append(FiscalYear.japaneseLabel(y)).append("<br>実績値</th>"));
            html.append("<th>補正前<br>スコア</th><th>スコア</th><th>方向</th><th>目標値<br>")
                    .append(FiscalYear.targetLabel(first.targetYear())).append("</th>");
            bands.forEach(b -> html.append("<th class=\"mark\">").append(Html.escape(b.mark())).append("<br><small>")
                    .append(Html.escape(b.label())).append("</small></th>"));
            html.append("<th>☆</th><th>前回比<br><small>前回の評価年度から</small></th><th>実績の推移<br><small>"
                    + "実績 ● · 基準値 ┈ · 年度目標 ─ · 目標値 ╌</small></th></tr></thead><tbody>\n");
            for (KpiHistory h : histories) {
                html.append(kpiRow(h, latest, years));
            }
            return html.append("</tbody></table>\n").toString();
        }

        private String kpiRow(KpiHistory h, int latest, List<Integer> years) {
            Kpi k = h.kpi();
            Evaluation e = h.years().get(h.years().size() - 1);
            Function<BigDecimal, String> withUnit = v -> v == null ? "—" : v.toPlainString() + Html.escape(k.unit());
            StringBuilder html = new StringBuilder("<tr><td>").append(Html.escape(k.id())).append("</td><td>")
                    .append(Html.escape(k.business())).append("</td><td>").append(Html.escape(k.name()))
                    .append("</td><td class=\"n\">").append(withUnit.apply(k.baseline())).append("</td>");
            years.forEach(y -> html.append("<td class=\"n\">").append(withUnit.apply(k.actuals().get(y))).append("</td>"));
            html.append("<td class=\"n\">").append(e.scored() ? e.rawScore().toPlainString() : unscored(e))
                    .append("</td><td class=\"n\">").append(e.scored() ? e.score().toPlainString() : "—")
                    .append("</td><td class=\"c\">").append(Html.escape(k.directionText())).append("</td><td class=\"n\">")
                    .append(withUnit.apply(k.finalTarget())).append("</td>");
            List<Band> bands = review.reviews().get(review.reviews().size() - 1).bands();
            for (Band band : bands) {
                boolean here = e.scored() && band.equals(e.band());
                html.append("<td class=\"mark\"").append(here ? " style=\"color:" + colour(review.bands(), band) + "\"" : "")
                        .append('>').append(here ? Html.escape(e.band().mark()) : "").append("</td>");
            }
            Map<Integer, BigDecimal> annual = new java.util.HashMap<>();
            h.years().forEach(v -> {
                if (v.referenceKind() != null && !v.referenceKind().code().equals("final")) {
                    annual.put(v.year(), v.reference());
                }
            });
            List<BigDecimal> references = years.stream().map(annual::get).toList();
            html.append("<td class=\"mark star\">").append(e.scored() && e.achieved() ? "☆" : "")
                    .append("</td><td class=\"trend\">")
                    // the trend of the latest year against the KPI's previous scored year, as results.csv has it
                    .append(h.change(latest).map(t -> t.arrow() + t.label()).orElse(e.scored() ? "—" : ""))
                    .append("</td><td class=\"chart\">")
                    .append(SvgCharts.actualsChart(years, years.stream().map(y -> k.actuals().get(y)).toList(),
                            references, k.baseline(), k.finalTarget())).append("</td></tr>\n");
            return html.toString();
        }

        private static String unscored(Evaluation e) {
            return e.status() == Status.NO_ACTUAL ? "実績なし" : "基準値=目標値";
        }
    }

    /** The page style, shared with the diff page. */
    static final String STYLE = """
            body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif;
                   margin: 24px; color: #222; font-size: 13px; }
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
            table.kpis td:nth-child(2), table.kpis td:nth-child(3) { min-width: 9em; }
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
              section.municipality { page-break-before: always; }
              th, td { padding: 1px 3px; }
              td.mark { font-size: 11px; }
              table.kpis td:nth-child(2), table.kpis td:nth-child(3) { min-width: 7em; }
              table.kpis tr, table.plan tr { page-break-inside: avoid; }
              h3.plan { page-break-before: always; }
              svg.kpi { width: 130px; height: 44px; }
            }
            """;
}
