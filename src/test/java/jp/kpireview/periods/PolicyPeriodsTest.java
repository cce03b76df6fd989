package jp.kpireview.periods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import jp.kpireview.cli.Cli;
import jp.kpireview.engine.Policy;
import jp.kpireview.io.KpiData;
import jp.kpireview.report.ReportXlsxTest;
import jp.kpireview.rules.KpiFixture;
import jp.kpireview.service.RuleHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule folder of policy periods (examples/policy-periods): FY2015 第1期 is Otaru's policy, FY2020 第2期 a changed
 * one with five bands and a 3 % maintain tolerance. Each year is evaluated under its own period.
 */
class PolicyPeriodsTest {

    private static final Path EXAMPLE = Path.of("examples", "policy-periods");
    private static final Path RULES = EXAMPLE.resolve("rules");
    private static final String FIRST = "FY2015 第1期@" + Policy.hash(RULES.resolve("FY2015 第1期")).substring(0, 8);
    private static final String SECOND = "FY2020 第2期@" + Policy.hash(RULES.resolve("FY2020 第2期")).substring(0, 8);

    @TempDir
    Path dir;

    @Test
    void thePublishedTableStillReproducesUnderTheFirstPeriod() {
        String check = Cli.run("check", "--rules", RULES.toString());
        assertTrue(check.startsWith("0\n") && check.strip().endsWith("PASS"), check);
    }

    @Test
    void eachYearIsEvaluatedUnderItsOwnPeriodInEveryFormat() throws IOException {
        Path out = dir.resolve("out");
        String batch = Cli.run("batch", "--quiet", "--rules", RULES.toString(), "--data", EXAMPLE.resolve("data")
                .toString(), "--out", out.toString());
        assertTrue(batch.startsWith("0\n"), batch);
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        List<String> fy2019 = results.stream().filter(r -> r.contains(",FY2019,")).toList();
        List<String> fy2020 = results.stream().filter(r -> r.contains(",FY2020,")).toList();
        assertTrue(fy2019.stream().allMatch(r -> r.endsWith("," + FIRST)) && !fy2019.isEmpty());
        assertTrue(fy2020.stream().allMatch(r -> r.endsWith("," + SECOND)) && !fy2020.isEmpty());
        assertTrue(fy2020.stream().anyMatch(r -> r.contains(",△,")), "the fifth band of 第2期");
        assertFalse(fy2019.stream().anyMatch(r -> r.contains(",△,")));
        // a trend across the change of period compares scores made under different rules: not compared
        assertTrue(fy2020.stream().anyMatch(r -> r.contains(",policy_changed,")));
        assertTrue(results.stream().filter(r -> r.contains(",FY2021,")).anyMatch(r -> r.contains(",improving,")),
                "within 第2期 the scores are compared again");

        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        // each period's scale in its own columns, lowest first: a ● of 第1期 (0~50) is never added to one of 第2期
        assertTrue(summary.get(0).endsWith(",average_score,× 基準未満 [×●○◎],● 0~50,○ 50~100,◎ 100以上,"
                + "× 基準未満 [×△●○◎],△,● 30~60,○ 60~90,◎ 90以上,☆,policy"), summary.get(0));
        assertTrue(summary.stream().filter(r -> r.contains(",FY2019,")).allMatch(r -> r.matches(
                ".*,-?[\\d.]+,\\d+,\\d+,\\d+,\\d+,,,,,,\\d+,.*")), "a FY2019 summary fills 第1期's columns only");
        assertTrue(summary.stream().filter(r -> r.contains(",FY2020,")).allMatch(r -> r.matches(
                ".*,-?[\\d.]+,,,,,\\d+,\\d+,\\d+,\\d+,\\d+,\\d+,.*")), "a FY2020 summary fills 第2期's columns only");

        String json = Files.readString(out.resolve("results.json"));
        assertTrue(json.contains("{\"fiscalYear\":\"FY2020\",\"policy\":\"" + SECOND + "\",\"bands\":[{\"mark\":\"×\""));
        assertTrue(json.contains("{\"mark\":\"△\",\"label\":\"0~30\",\"lower\":0}"));

        List<List<String>> fy2020Sheet = ReportXlsxTest.rows(out.resolve("report.xlsx"), "FY2020 (R2)");
        assertTrue(fy2020Sheet.get(0).containsAll(List.of("△ 0~30", "◎ 90以上", "ポリシー")), fy2020Sheet.get(0).toString());
        List<List<String>> fy2019Sheet = ReportXlsxTest.rows(out.resolve("report.xlsx"), "FY2019 (R1)");
        assertTrue(fy2019Sheet.get(0).contains("◎ 100以上") && !fy2019Sheet.get(0).contains("△ 0~30"));

        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<b>" + FIRST + "</b> FY2015–FY2019 評価区分") && html.contains("<b>" + SECOND
                + "</b> FY2020–FY2022 評価区分"), "a legend per period");
    }

    @Test
    void eachPeriodValidatesCleanWithItsOwnScenarios() {
        String validate = Cli.run("validate", "--rules", RULES.toString());
        assertTrue(validate.startsWith("0\n") && validate.contains("FY2015 第1期 (政策期間: FY2015 から)")
                && validate.contains("FY2020 第2期 (政策期間: FY2020 から)")
                && validate.contains("◎ 90 から。どの境界も") && validate.strip().endsWith("問題なし"), validate);
        String tests = Cli.run("test-rules", "--rules", RULES.toString());
        assertTrue(tests.startsWith("0\n") && tests.contains("45 件、期待と違うもの 0") && tests.contains("49 件、期待と違うもの 0"),
                tests);
        String explain = Cli.run("explain", "--rules", RULES.toString(), "--data", "seeds/otaru-h30.csv", "--year",
                "FY2018", "--kpi", "25");
        assertTrue(explain.contains("  方針: " + FIRST) && explain.contains("基準: 目標値 96.5 を維持 (許容幅 5 % の下限 91.675 でスコア 0、96.5 で 100) 許容幅 2行目"), explain);
    }

    @Test
    void aYearBeforeTheFirstPeriodIsRefused() throws IOException {
        Path data = Files.writeString(dir.resolve("early.csv"), "kpi_id,project,business_no,business,kpi,unit,"
                + "direction,baseline_year,baseline,target_year,target,FY2014\n1,p,1,b,k,件,↗,FY2013,0,FY2019,10,2\n");
        String run = Cli.run("evaluate", "--rules", RULES.toString(), "--data", data.toString(), "--year",
                "FY2014", "--out", dir.resolve("out").toString());
        assertTrue(run.startsWith("2\n") && run.contains("FY2014 は最初の期間 (FY2015 第1期、FY2015 から) より前"),
                run);
        assertFalse(Files.exists(dir.resolve("out")));
    }

    /**
     * Planning the year after the target year (FY2023) gives a KPI that has no actual yet — がんの標準化死亡比(男) of
     * 市町村00001, 149.06 → 61.91 by FY2022 (lower is better) — a first actual after its target year: a path of one
     * step, to the target itself. This divided by zero before the reference rules said so.
     */
    @Test
    void aYearAfterTheTargetYearIsPlannedForKpisNotYetMeasured() throws IOException {
        Path out = dir.resolve("plan");
        String run = Cli.run("batch", "--quiet", "--rules", RULES.toString(), "--data", EXAMPLE.resolve("data")
                .toString(), "--plan", "FY2023", "--formats", "csv", "--out", out.toString());
        assertTrue(run.startsWith("0\n"), run);
        String row = Files.readAllLines(out.resolve("plan.csv")).stream()
                .filter(l -> l.startsWith("市町村00001,021,")).findFirst().orElseThrow();
        // 第2期's five bands from 0, 30, 60 and 90 of the way from 149.06 down to 61.91, then ☆ at the target
        assertTrue(row.endsWith(",FY2023," + SECOND + ",149.06,122.91,96.77,70.62,61.91,"), row);
    }

    @Test
    void aBrokenSecondPeriodRefusesTheRunAndNamesIt() throws IOException {
        Path rules = copy(dir.resolve("rules"));
        Path bands = rules.resolve("FY2020 第2期/区分表.csv");
        Files.writeString(bands, Files.readString(bands).replace("●,30,", "●,-30,"));
        String run = Cli.run("batch", "--quiet", "--rules", rules.toString(), "--data", "seeds/otaru-h30.csv",
                "--out", dir.resolve("out").toString());
        assertTrue(run.startsWith("2\n") && run.contains(bands.toString()) && run.contains("edges must rise"), run);
        assertFalse(Files.exists(dir.resolve("out")));
        String validate = Cli.run("validate", "--rules", rules.toString());
        assertTrue(validate.contains("(政策期間: FY2015 から)") && validate.contains("(政策期間: FY2020 から)")
                && validate.startsWith("2\n"), validate);
    }

    @Test
    void twoPeriodsCompareAsTwoFolders() {
        String diff = Cli.run("diff", "--rules", RULES.resolve("FY2015 第1期").toString(), "--rules",
                RULES.resolve("FY2020 第2期").toString(), "--data", "seeds/otaru-h30.csv", "--years", "FY2018",
                "--out", dir.resolve("diff").toString());
        // 第2期 puts 5a 94.74 in ◎ (from 90) and 3 ● KPIs at 20.00–21.91 in △
        assertTrue(diff.startsWith("0\n") && diff.contains("○ → ◎") && diff.contains("● → △"), diff);
    }

    @Test
    void editingOnePeriodInTheServiceLeavesTheOtherUnchanged() throws Exception {
        Path rules = copy(dir.resolve("rules"));
        try (RuleHolder holder = RuleHolder.start(rules)) {
            RuleHolder.Loaded first = holder.current().policies().get(0);
            var kpis = KpiData.read(Path.of("seeds/otaru-h30.csv"));
            var fy2018 = holder.current().engine().evaluate(kpis, 2018);
            Path bands = rules.resolve("FY2020 第2期/区分表.csv");
            Files.writeString(bands, Files.readString(bands).replace(",90以上", ",90点以上"));
            holder.reload();
            assertEquals(List.of(), holder.rejected().keySet().stream().toList());
            assertTrue(first == holder.current().policies().get(0), "the first period was not rebuilt");
            assertFalse(holder.current().policies().get(1).hash().equals(Policy.hash(RULES.resolve("FY2020 第2期"))));
            assertEquals(fy2018.evaluations(), holder.current().engine().evaluate(kpis, 2018).evaluations());
            assertEquals("◎ 90点以上", holder.current().engine().evaluate(kpis, 2020).bands().stream()
                    .filter(b -> b.mark().equals("◎")).map(b -> b.mark() + " " + b.label()).findFirst().orElseThrow());
        }
    }

    /** Deleting 第2期 is a rule change like an edit: checked, taken, and shown with the years 第1期 now judges. */
    @Test
    void removingAPeriodIsACheckedChangeNamingTheYearsItMoves() throws Exception {
        Path rules = copy(dir.resolve("rules"));
        try (RuleHolder holder = RuleHolder.start(rules)) {
            deleteFolder(rules.resolve("FY2020 第2期"));
            holder.reload();
            assertEquals(List.of("FY2015 第1期"), holder.current().policies().stream().map(l -> l.period().name())
                    .toList());
            assertEquals(List.of(), holder.rejected().keySet().stream().toList());
            RuleHolder.PeriodChange change = holder.periodChanges().get(0);
            assertTrue(change.taken());
            assertEquals("期間 FY2020 第2期 (FY2020 以降) のフォルダが消されました: FY2015 以降を FY2015 第1期 で評価します",
                    change.text());
            assertTrue(holder.current().engine().policyFor(2021).ref().name().equals("FY2015 第1期"));
        }
    }

    /**
     * A period removed while the one left to judge its years does not validate on them is refused as a whole: the
     * removed period's rules go on answering, and the refusal names both.
     */
    @Test
    void removingAPeriodIsRefusedWhenThePeriodLeftFailsOnItsNewYears() throws Exception {
        Path rules = copy(dir.resolve("rules"));
        // 第1期 gives a second band from FY2020 on: harmless while 第2期 judges those years
        Files.writeString(rules.resolve("FY2015 第1期/late.drl"), "package kpireview.rules;\n\n"
                + "import jp.kpireview.facts.BandScale;\nimport jp.kpireview.facts.Score;\n\n"
                + "// 方針: (テスト) FY2020 からは ◎ も重ねてつける。\nrule \"FY2020 からの重なり\"\n@explain(\"◎\")\nwhen\n"
                + "    $s : Score( kpi.year >= 2020 )\n    $scale : BandScale()\nthen\n"
                + "    $s.kpi().outcome().band($scale.bands().get(3));\nend\n");
        try (RuleHolder holder = RuleHolder.start(rules)) {
            RuleHolder.Current before = holder.current();
            deleteFolder(rules.resolve("FY2020 第2期"));
            holder.reload();
            assertTrue(before == holder.current(), "the rules in service are unchanged");
            assertEquals(List.of("FY2015 第1期", "FY2020 第2期"), holder.rejected().keySet().stream().toList());
            assertTrue(holder.rejected().get("FY2020 第2期").check().findings().get(0).message().endsWith(
                    "残りの期間に誤りがあるので、この変更は取り込まず、FY2020 第2期 のルールで評価を続けます"));
            assertFalse(holder.periodChanges().get(0).taken());
            var refused = holder.rejected();
            holder.reload();
            assertTrue(refused == holder.rejected() && holder.periodChanges().size() == 1, "not checked again");
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** A stand-alone copy of the periods folder: each period with every rule file it runs with. */
    private static Path copy(Path target) throws IOException {
        try (Stream<Path> periods = Files.list(RULES)) {
            for (Path period : periods.filter(Files::isDirectory).toList()) {
                KpiFixture.copyOfPolicy(period, target.resolve(period.getFileName().toString()), text -> text);
            }
        }
        return target;
    }

    /**
     * A scored period (第1期, Otaru's score) followed by one that judges by comparison alone: one batch run reports
     * both, each year under its own words, each period's bands in their own columns.
     */
    @Test
    void aScoredPeriodAndAScoreLessPeriodReportTogether() throws IOException {
        Path rules = dir.resolve("mixed");
        KpiFixture.copyOfPolicy(RULES.resolve("FY2015 第1期"), rules.resolve("FY2015 第1期"), text -> text);
        KpiFixture.copyOfPolicy(Path.of("examples/policies/comparison"), rules.resolve("FY2020 比較"), text -> text);
        Path out = dir.resolve("mixed-out");
        String batch = Cli.run("batch", "--quiet", "--rules", rules.toString(), "--data", EXAMPLE.resolve("data")
                .toString(), "--out", out.toString());
        assertTrue(batch.startsWith("0\n"), batch);
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertTrue(summary.get(0).endsWith(",average_score,× 基準未満,●,○ 50~100,◎ 100以上,× 悪化,△,○ 改善,◎ 目標達成,☆,policy"),
                summary.get(0));
        // FY2019: an average, 第1期's four columns and ☆; FY2020: no average, the comparison's four and no ☆ count
        assertTrue(summary.stream().filter(r -> r.contains(",FY2019,")).allMatch(r -> r.matches(
                ".*,-?[\\d.]+,\\d+,\\d+,\\d+,\\d+,,,,,\\d+,FY2015 第1期@.*")), String.join("\n", summary));
        assertTrue(summary.stream().filter(r -> r.contains(",FY2020,")).allMatch(r -> r.matches(
                ".*,\\d+,,,,,,\\d+,\\d+,\\d+,\\d+,,FY2020 比較@.*")), String.join("\n", summary));
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        assertTrue(results.stream().filter(r -> r.contains(",FY2020,")).allMatch(r -> r.matches(
                "[^,]*,[^,]*,FY2020,(judged|no_actual),,,,,[^,]*,,.*")), "no score under the comparison");
        assertTrue(results.stream().filter(r -> r.contains(",FY2019,")).anyMatch(r -> r.contains(",scored,")));
        List<List<String>> sheet = ReportXlsxTest.rows(out.resolve("report.xlsx"), "集計");
        assertTrue(sheet.get(0).containsAll(List.of("平均スコア", "●", "○ 改善", "☆")), sheet.get(0).toString());
        assertTrue(ReportXlsxTest.rows(out.resolve("report.xlsx"), "FY2019 (R1)").get(0).contains("スコア"));
        assertFalse(ReportXlsxTest.rows(out.resolve("report.xlsx"), "FY2020 (R2)").get(0).contains("スコア"));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<th>○ 改善</th>") && html.contains("<th>○ 50~100</th>")
                && html.contains("<th>平均スコア</th>"), "the summary table holds both scales and the 第1期 average");
    }

}
