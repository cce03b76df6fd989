package jp.kpireview.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.KpiHistory;
import jp.kpireview.domain.Plan;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.Review;

/**
 * One municipality in full in report.html: per project the summaries, the band chart and the KPI table, then the plan
 * of the year asked for, if any.
 */
record HtmlMunicipality(MunicipalityReview review) {

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
                .append(" の計画 <small>各区分に必要な実績値 (ルール ")
                .append(Html.escape(plan.policy().label())).append(" で求めた値)</small></h3>\n")
                .append("<table class=\"plan\"><thead><tr><th>No.</th><th>プロジェクト</th><th>KPI</th><th>方向</th>"
                        + "<th>基準値</th><th>最新実績値</th><th>目標値</th>");
        goals.forEach(b -> html.append("<th class=\"mark\">").append(Html.escape(b.mark())).append("<br><small>")
                .append(Html.escape(b.label())).append("</small></th>"));
        if (plan.terms().hasFlag()) {
            html.append("<th class=\"mark\">").append(Html.escape(plan.terms().flag())).append("</th>");
        }
        html.append("<th>備考</th></tr></thead><tbody>\n");
        for (Plan.KpiNeeds p : plan.kpis()) {
            Kpi k = p.kpi();
            Map.Entry<Integer, BigDecimal> latest = k.actuals().lowerEntry(plan.year());
            html.append("<tr><td>").append(Html.escape(k.id())).append("</td><td>").append(Html.escape(k.project()))
                    .append("</td><td>").append(Html.escape(k.name())).append("</td><td class=\"c\">")
                    .append(Html.escape(k.directionText())).append("</td><td class=\"n\">")
                    .append(withUnit(k, k.baseline())).append("</td><td class=\"n\">")
                    .append(latest == null ? "—" : withUnit(k, latest.getValue()) + " <small>("
                            + FiscalYear.japaneseLabel(latest.getKey()) + ")</small>")
                    .append("</td><td class=\"n\">").append(withUnit(k, k.targetIn(plan.year()))).append("</td>");
            for (Plan.Need need : p.needs()) {
                html.append("<td class=\"n\">").append(Html.escape(p.shown(need))).append("</td>");
            }
            html.append("<td class=\"note-cell\">").append(Html.escape(p.notes())).append("</td></tr>\n");
        }
        return html.append("</tbody></table>\n").toString();
    }

    private String project(String project, List<ProjectSummary> summaries, List<KpiHistory> histories) {
        List<Band> bands = review.bands();
        // a column over several years takes the newest policy's name, and is left out when no policy has the thing
        List<jp.kpireview.domain.Terms> terms = review.reviews().stream().map(Review::terms).toList();
        String average = jp.kpireview.domain.Terms.newest(terms, jp.kpireview.domain.Terms::average);
        String flag = jp.kpireview.domain.Terms.newest(terms, jp.kpireview.domain.Terms::flag);
        String counted = jp.kpireview.domain.Terms.newest(terms, t -> t.word("集計対象"));
        // a town that groups its KPIs into no projects has no project heading
        StringBuilder html = new StringBuilder(project.isEmpty() ? "" : "<h3>" + Html.escape(project) + "</h3>\n")
                .append("<div class=\"pair\"><table class=\"summary\"><thead><tr><th>年度</th><th>" + Html.escape(counted)
                        + " / 全体</th>");
        if (average != null) {
            html.append("<th>").append(Html.escape(average)).append("</th>");
        }
        SummaryCsv.headings(bands).forEach(h -> html.append("<th>").append(Html.escape(h)).append("</th>"));
        html.append(flag == null ? "" : "<th>" + Html.escape(flag) + "</th>")
                .append(review.grades().isEmpty() ? "" : "<th>評価</th>").append("</tr></thead><tbody>\n");
        List<SvgCharts.Bar> bars = new ArrayList<>();
        for (ProjectSummary s : summaries) {
            html.append("<tr><td>").append(FiscalYear.bothLabels(s.year())).append("</td><td>")
                    .append(Html.escape(ReviewTable.counts(s))).append("</td>");
            if (average != null) {
                html.append("<td class=\"n\">").append(HtmlReport.score(s.average())).append("</td>");
            }
            bands.forEach(b -> html.append("<td class=\"n\">").append(s.count(b) == null ? "" : s.count(b))
                    .append("</td>"));
            html.append(flag == null ? "" : "<td class=\"n\">" + s.achievedCell() + "</td>")
                    .append(s.grade() == null ? "" : "<td class=\"grade\">" + Html.escape(s.grade()) + "</td>")
                    .append("</tr>\n");
            bars.add(new SvgCharts.Bar(FiscalYear.bothLabels(s.year()), bands.stream()
                    .map(b -> s.count(b) == null ? 0 : s.count(b)).toList()));
        }
        html.append("</tbody></table>\n")
                .append(SvgCharts.bandDistribution(bars, bands,
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
        jp.kpireview.domain.Terms terms = last.terms();
        StringBuilder html = new StringBuilder("<table class=\"kpis\"><caption>")
                .append(FiscalYear.bothLabels(latest)).append(" の評価 <small>(")
                .append(Html.escape(last.policy().label())).append(")</small></caption><thead><tr><th>No.</th>"
                        + "<th>事業名</th><th>KPI</th>");
        // the columns of the town's own the policy shows, beside the KPI
        terms.columns().forEach(c -> html.append("<th>").append(Html.escape(c)).append("</th>"));
        html.append("<th>基準値<br>").append(first.baselineYear() == null ? ""
                : FiscalYear.japaneseLabel(first.baselineYear())).append("</th>");
        years.forEach(y -> html.append("<th>").append(FiscalYear.japaneseLabel(y)).append("<br>実績値</th>"));
        if (terms.hasRawScore()) {
            html.append("<th>").append(Html.escape(terms.rawScore())).append("</th>");
        }
        if (terms.hasScore()) {
            html.append("<th>").append(Html.escape(terms.score())).append("</th>");
        }
        html.append("<th>方向</th><th>目標値<br>").append(FiscalYear.targetLabel(first.targetYear())).append("</th>");
        bands.forEach(b -> html.append("<th class=\"mark\">").append(Html.escape(b.mark())).append("<br><small>")
                .append(Html.escape(b.label())).append("</small></th>"));
        html.append(terms.hasFlag() ? "<th>" + Html.escape(terms.flag()) + "</th>" : "").append("<th>前回比<br><small>前回評価から</small></th><th>実績の推移<br><small>"
                + "実績 ● · 基準値 ┈ · 年度目標 ─ · 目標値 ╌</small></th></tr></thead><tbody>\n");
        for (KpiHistory h : histories) {
            html.append(kpiRow(h, latest, years, terms));
        }
        return html.append("</tbody></table>\n").toString();
    }

    private String kpiRow(KpiHistory h, int latest, List<Integer> years, jp.kpireview.domain.Terms terms) {
        Kpi k = h.kpi();
        Evaluation e = h.years().get(h.years().size() - 1);
        StringBuilder html = new StringBuilder("<tr><td>").append(Html.escape(k.id())).append("</td><td>")
                .append(Html.escape(k.business())).append("</td><td>").append(Html.escape(k.name())).append("</td>");
        terms.columns().forEach(c -> html.append("<td>").append(Html.escape(k.attributes().getOrDefault(c, "")))
                .append("</td>"));
        html.append("<td class=\"n\">").append(withUnit(k, k.baseline())).append("</td>");
        years.forEach(y -> html.append("<td class=\"n\">").append(withUnit(k, k.actuals().get(y))).append("</td>"));
        // an unjudged KPI says why in the first score column (or the band columns when the policy has no score)
        if (terms.hasRawScore()) {
            html.append("<td class=\"n\">").append(e.judged() ? Numbers.orDash(e.rawScore()) : unjudged(e))
                    .append("</td>");
        }
        if (terms.hasScore()) {
            html.append("<td class=\"n\">").append(e.judged() ? Numbers.orDash(e.score())
                    : terms.hasRawScore() ? "—" : unjudged(e)).append("</td>");
        }
        // the target in force in the year shown (a target revised mid-plan from its year on)
        html.append("<td class=\"c\">").append(Html.escape(k.directionText())).append("</td><td class=\"n\">")
                .append(withUnit(k, k.targetIn(e.year()))).append("</td>");
        List<Band> bands = review.reviews().get(review.reviews().size() - 1).bands();
        if (!e.judged() && !terms.hasScore()) {
            html.append("<td class=\"status\" colspan=\"").append(bands.size()).append("\">").append(unjudged(e))
                    .append("</td>");
        }
        for (Band band : e.judged() || terms.hasScore() ? bands : List.<Band>of()) {
            boolean here = e.judged() && band.equals(e.band());
            html.append("<td class=\"mark\"")
                    .append(here ? " style=\"color:" + HtmlReport.colour(review.bands(), band) + "\"" : "")
                    .append('>').append(here ? Html.escape(e.band().mark()) : "").append("</td>");
        }
        Map<Integer, BigDecimal> annual = new java.util.HashMap<>();
        h.years().forEach(v -> {
            if (v.referenceKind() != null && !v.referenceKind().code().equals("final")) {
                annual.put(v.year(), v.reference());
            }
        });
        List<BigDecimal> references = years.stream().map(annual::get).toList();
        if (terms.hasFlag()) {
            html.append("<td class=\"mark star\">").append(e.judged() && e.achieved() ? Html.escape(terms.flag()) : "")
                    .append("</td>");
        }
        html.append("<td class=\"trend\">")
                // the trend of the latest year against the KPI's previous scored year, as results.csv has it
                .append(h.change(latest).map(t -> t.arrow() + t.label()).orElse(e.judged() ? "—" : ""))
                .append("</td><td class=\"chart\">")
                .append(SvgCharts.actualsChart(years, years.stream().map(y -> k.actuals().get(y)).toList(),
                        references, k.baseline(), k.targetIn(e.year()))).append("</td></tr>\n");
        return html.toString();
    }

    /** The status of a KPI without a band, as the rules name it (実績なし, 対象外 …), with their reason as a tooltip. */
    private static String unjudged(Evaluation e) {
        String label = Html.escape(e.status().label());
        return e.statusReason().isEmpty() ? label
                : "<span title=\"" + Html.escape(e.statusReason()) + "\">" + label + "</span>";
    }

    /** A value with the KPI's unit (18棟, 87.2%), or — when there is none. */
    private static String withUnit(Kpi k, BigDecimal value) {
        return value == null ? "—" : Html.escape(k.shown(value));
    }
}
