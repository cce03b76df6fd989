package jp.kpireview.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.io.KpiCsv;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    private static final List<Kpi> SEED = KpiCsv.read(Path.of("seeds/otaru-h30.csv"));
    private static final List<Integer> YEARS = List.of(2015, 2016, 2017, 2018);

    @TempDir
    Path dir;

    private static MunicipalityReview review(RuleBase rules, String municipality, List<Kpi> kpis) {
        List<Kpi> named = kpis.stream().map(k -> k.withMunicipality(municipality)).toList();
        return new MunicipalityReview(municipality, "seeds/otaru-h30.csv", named,
                new ReviewEngine(rules).evaluate(named, YEARS));
    }

    private String write(int detailed, MunicipalityReview... reviews) throws IOException {
        Path file = dir.resolve("report.html");
        try (HtmlReport report = new HtmlReport(file, detailed)) {
            for (MunicipalityReview review : reviews) {
                report.add(report.render(review));
            }
            report.commit();
        }
        return Files.readString(file);
    }

    /** The text of the cells of the FY2018 row of a KPI, tags removed. */
    private static List<String> cells(String html, String kpiName) {
        Matcher row = Pattern.compile("<tr><td>[^<]*</td><td>[^<]*</td><td>" + Pattern.quote(kpiName)
                + "</td>(.*?)</tr>").matcher(html);
        assertTrue(row.find(), kpiName);
        List<String> cells = new ArrayList<>();
        Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row.group(1));
        while (cell.find()) {
            cells.add(cell.group(1).replaceAll("<svg.*</svg>", "").replaceAll("<[^>]+>", "").strip());
        }
        return cells;
    }

    @Test
    void theKpiRowsCarryThePublishedMarks() throws IOException {
        String html = write(20, review(KpiFixture.rules(), "小樽市", SEED));
        // 基準値, H27–H30 実績値, 補正前スコア, スコア, 方向, 目標値, × ● ○ ◎, ☆, 前回比 (against FY2017, as results.csv
        // has it), the chart (as published: 17 ◎ ☆, 15 ×)
        assertEquals(List.of("67人", "67人", "65人", "74人", "118人", "196.15", "100.00", "↑", "100人", "", "", "", "◎",
                "☆", "↑上昇", ""), cells(html, "参加児童生徒数"));
        // thousands grouped where the unit is not a percentage
        assertEquals(List.of("8,299人", "10,159人", "5,673人", "8,902人", "6,828人", "-86.48", "-86.48", "↑", "10,000人",
                "×", "", "", "", "", "↓低下", ""), cells(html, "ボランティア派遣延べ人数"));
        assertEquals("54,886,770円", cells(html, "街路防犯灯維持費補助金額").get(0));
        assertEquals("75.9%", cells(html, "授業がよくわかると答えた児童の割合(小学校)").get(0), "a percentage as written");
        // 5a: actuals 70 → 88, score 93.46 → 94.74: improving, as results.csv says (the old first-to-last arrow said 低下)
        assertEquals("↑上昇", cells(html, "移住・定住に関する問合せ件数").get(14));
        // 49 has no FY2018 actual: no arrow
        assertEquals("", cells(html, "特定検診受診率").get(14));
        assertEquals("実績なし", cells(html, "特定検診受診率").get(5), "no FY2018 actual (published —): not scored");
    }

    @Test
    void projectSummariesAreThoseOfThePublishedTable() throws IOException {
        String html = write(20, review(KpiFixture.rules(), "小樽市", SEED));
        // published: (2) 集計対象 18事業[19KPI] / 全 19事業[21KPI], × 2 ● 6 ○ 3 ◎ 8, ☆ 4
        Matcher row = Pattern.compile("<tr><td>FY2018 \\(H30\\)</td><td>\\(集計対象 18事業\\[19KPI\\] / 全 19事業\\[21KPI\\]\\)"
                + "</td><td class=\"n\">[-0-9.]+</td><td class=\"n\">2</td><td class=\"n\">6</td><td class=\"n\">3</td>"
                + "<td class=\"n\">8</td><td class=\"n\">4</td></tr>").matcher(html);
        assertTrue(row.find());
        assertEquals(4, count(html, "<svg class=\"bands\""), "one band chart per project");
        assertEquals(SEED.size(), count(html, "<svg class=\"kpi\""), "one chart of the actuals per KPI");
        assertTrue(html.contains("<title>H30 実績 118</title>") && html.contains("<title>目標値 100</title>")
                && html.contains("<title>基準値 67</title>"), "the chart of 17 shows its actuals, target and baseline");
        assertTrue(html.contains("FY2018 (H30)") && html.contains("H26"), "FY and 和暦 labels");
        assertTrue(html.contains("目標値<br>H31/R1"), "the target year as the published table prints it (H31), and its new name");
        assertFalse(html.contains("http"), "self-contained: no link to anything");
    }

    /** ● is third from the best in × ● ○ ◎ and in × △ ● ○ ◎: one colour in both (it was orange, then light green). */
    @Test
    void aBandsColourIsItsPlaceFromTheBestWhateverTheScale() {
        assertEquals(SvgCharts.colour(1, 4), SvgCharts.colour(2, 5), "●");
        assertEquals(SvgCharts.colour(3, 4), SvgCharts.colour(4, 5), "◎, the best");
        assertEquals(SvgCharts.colour(2, 4), SvgCharts.colour(3, 5), "○");
        assertFalse(SvgCharts.colour(0, 4).equals(SvgCharts.colour(1, 4)), "× and ● differ");
    }

    @Test
    void theLegendIsTheBandScaleOfTheRules() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("rules"), drl -> drl.replace(",50~100", ",50以上100未満"));
        String html = write(20, review(RuleBase.load(rules), "小樽市", SEED));
        assertTrue(html.contains("○ 50以上100未満"), "the label as the rule file writes it");
        assertFalse(html.contains("50~100"));
    }

    @Test
    void dataTextIsEscaped() throws IOException {
        Kpi hostile = KpiFixture.kpi("↗").actual("5").build();
        Kpi named = new Kpi("test", "x", "<b>p</b>", "1", "b&c", "<script>alert(1)</script>", "件", "↗", 2014,
                hostile.baseline(), 2019, hostile.finalTarget(), hostile.actuals(), hostile.annualTargets(), "",
                hostile.source());
        String html = write(20, review(KpiFixture.rules(), "<i>村</i>", List.of(named)));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("&lt;i&gt;村&lt;/i&gt;") && html.contains("b&amp;c"));
        assertFalse(html.contains("<script>") || html.contains("<i>村"));
    }

    @Test
    void beyondTheDetailedOnesAMunicipalityIsInTheOverviewOnly() throws IOException {
        String html = write(1, review(KpiFixture.rules(), "甲市", SEED), review(KpiFixture.rules(), "乙町", SEED));
        assertEquals(1, count(html, "<section class=\"municipality\">"));
        assertTrue(html.contains("<tr><td>甲市</td>") && html.contains("<tr><td>乙町</td>"), "both in the overview");
        assertTrue(html.contains("残り 1 自治体"));
    }

    @Test
    void withoutACommitNothingIsWritten() throws IOException {
        try (HtmlReport report = new HtmlReport(dir.resolve("report.html"), 20)) {
            report.add(report.render(review(KpiFixture.rules(), "小樽市", SEED)));
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
