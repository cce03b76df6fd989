package jp.kpireview.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jp.kpireview.cli.Cli;
import jp.kpireview.validate.CheckReport;
import jp.kpireview.validate.RuleCheck;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example policies in examples/policies: each is a complete rule folder written without Java. Each must validate
 * clean (no errors, no warnings: its own scenario files all pass and exercise every rule) and run the seed through
 * batch in every report format.
 */
class ExamplePoliciesTest {

    private static final Path EXAMPLES = Path.of("examples", "policies");

    @TempDir
    Path dir;

    /**
     * The data a policy is run on: its own {@code data/} file when it has one (a policy that reads a column of the
     * town's own, such as 重み, needs a sheet that has it), the seed otherwise.
     */
    private static String data(Path policy) throws IOException {
        Path own = policy.resolve("data");
        if (!Files.isDirectory(own)) {
            return "seeds/otaru-h30.csv";
        }
        try (Stream<Path> files = Files.list(own)) {
            return files.filter(f -> f.toString().endsWith(".csv")).sorted().findFirst().orElseThrow().toString();
        }
    }

    private static List<Path> policies() throws IOException {
        try (Stream<Path> folders = Files.list(EXAMPLES)) {
            return folders.filter(Files::isDirectory).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> eachPolicyValidatesCleanWithItsOwnScenarios() throws IOException {
        return policies().stream().map(policy -> DynamicTest.dynamicTest(policy.getFileName().toString(), () -> {
            CheckReport report = RuleCheck.check(policy, true);
            assertEquals(List.of(), report.findings().stream().map(Object::toString).toList());
            assertTrue(report.summary().stream().anyMatch(l -> l.matches(" *場面: \\d+ 件、期待と違うもの 0")), report.summary().toString());
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachPolicyReportsTheSeedInEveryFormat() throws IOException {
        return policies().stream().map(policy -> DynamicTest.dynamicTest(policy.getFileName().toString(), () -> {
            Path out = dir.resolve(policy.getFileName().toString());
            String printed = run("batch", "--quiet", "--rules", policy.toString(), "--data", data(policy),
                    "--out", out.toString());
            assertTrue(printed.startsWith("0\n"), printed);
            for (String file : List.of("results.csv", "summary.csv", "results.json", "report.xlsx", "report.html")) {
                assertTrue(Files.size(out.resolve(file)) > 0, file);
            }
        }));
    }

    /** Each example plans the next year and explains a KPI in its own words: no internal error for any scheme. */
    @TestFactory
    Stream<DynamicTest> eachPolicyPlansAndExplainsInItsOwnWords() throws IOException {
        return policies().stream().map(policy -> DynamicTest.dynamicTest(policy.getFileName().toString(), () -> {
            Path out = dir.resolve("plan-" + policy.getFileName());
            String plan = run("plan", "--rules", policy.toString(), "--data", data(policy), "--year",
                    "FY2019", "--out", out.toString());
            assertTrue(plan.startsWith("0\n"), plan);
            jp.kpireview.domain.Terms terms = new jp.kpireview.engine.ReviewEngine(
                    jp.kpireview.rulebase.RuleBase.load(policy)).tables().terms();
            String header = Files.readAllLines(out.resolve("plan.csv")).get(0);
            assertEquals(terms.hasFlag(), header.contains("needs_" + terms.flag()), header);
            String explain = run("explain", "--rules", policy.toString(), "--data", data(policy), "--year",
                    "FY2018", "--kpi", "5a");
            assertTrue(explain.startsWith("0\n") && (explain.contains("  結果: 区分 ")
                    || explain.contains("  結果: " + terms.score() + " ")), explain);
            assertEquals(terms.hasScore(), explain.contains("結果: " + terms.score()), explain);
        }));
    }

    @Test
    void theProjectGradeExampleGradesEveryProjectInEveryFormat() throws IOException {
        Path out = dir.resolve("grade");
        String printed = run("batch", "--quiet", "--rules", EXAMPLES.resolve("project-grade").toString(), "--data",
                "seeds/otaru-h30.csv", "--years", "FY2018", "--out", out.toString());
        assertTrue(printed.startsWith("0\n"), printed);
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertTrue(summary.get(0).endsWith(",☆,grade,policy"), summary.get(0));
        // (1): ○5 + ◎3 of 16 counted = 50 %: 概ね順調; (4): ○3 + ◎1 of 14 = 29 %: 遅れ
        assertTrue(summary.get(1).startsWith("小樽市,(1) あずまい暮らしプロジェクト,FY2018,11,11,16,16,40.90,3,5,5,3,3,概ね順調"),
                summary.get(1));
        assertTrue(summary.get(4).contains(",遅れ,project-grade@"), summary.get(4));
        assertTrue(Files.readString(out.resolve("results.json")).contains("\"grade\":\"概ね順調\""));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<th>評価</th>") && html.contains("<td class=\"grade\">遅れ</td>"));
        String table = run("evaluate", "--rules", EXAMPLES.resolve("project-grade").toString(), "--data",
                "seeds/otaru-h30.csv", "--year", "FY2018", "--out", dir.resolve("evaluate").toString());
        assertTrue(table.contains("☆3  評価 概ね順調"), table);
        Path plain = dir.resolve("plain");
        assertTrue(run("batch", "--quiet", "--data", "seeds/otaru-h30.csv", "--years", "FY2018", "--out",
                plain.toString()).startsWith("0\n"));
        assertFalse(Files.readString(plain.resolve("summary.csv")).contains("grade"), "no grade table, no grades");
    }

    /**
     * The example's own data: the seed line for line with one column of the town's own more (so it cannot drift from
     * the seed); each KPI's cell of that column.
     */
    private static java.util.Map<String, String> seedPlusOneColumn(Path policy) throws IOException {
        List<String> data = Files.readAllLines(Path.of(data(policy)));
        List<String> seed = Files.readAllLines(Path.of("seeds/otaru-h30.csv"));
        assertEquals(seed.size(), data.size());
        java.util.Map<String, String> cells = new java.util.HashMap<>();
        for (int i = 0; i < seed.size(); i++) {
            int cut = data.get(i).lastIndexOf(',');
            assertEquals(seed.get(i), data.get(i).substring(0, cut), "the seed's line " + (i + 1) + ", then a column");
            if (i > 0) {
                cells.put(seed.get(i).split(",")[1], data.get(i).substring(cut + 1));
            }
        }
        return cells;
    }

    /**
     * listed-twice: a KPI whose column 再掲 names a second project is held and counted by that project too, and the
     * totals agree in summary.csv, the 集計 sheet and report.html; the municipality as a whole counts it once.
     */
    @Test
    void theListedTwiceExampleCountsAKpiInBothProjectsEverywhere() throws IOException {
        Path policy = EXAMPLES.resolve("listed-twice");
        java.util.Map<String, String> listed = seedPlusOneColumn(policy);
        assertEquals(java.util.Set.of("30", "38"), listed.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(java.util.Map.Entry::getKey).collect(java.util.stream.Collectors.toSet()));
        Path out = dir.resolve("listed");
        assertTrue(run("batch", "--quiet", "--rules", policy.toString(), "--data", data(policy), "--out",
                out.toString()).startsWith("0\n"));
        Path plain = dir.resolve("listed-plain");
        assertTrue(run("batch", "--quiet", "--data", "seeds/otaru-h30.csv", "--formats", "csv", "--out",
                plain.toString()).startsWith("0\n"));
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        List<String> unlisted = Files.readAllLines(plain.resolve("summary.csv"));
        List<List<String>> sheet = jp.kpireview.report.ReportXlsxTest.rows(out.resolve("report.xlsx"), "集計");
        String html = Files.readString(out.resolve("report.html"));
        assertEquals(unlisted.size(), summary.size());
        for (int i = 1; i < summary.size(); i++) {
            String[] c = summary.get(i).split(",");  // …,scored_businesses,all_businesses,scored_kpis,all_kpis,…
            String[] before = unlisted.get(i).split(",");
            // (1) also holds KPI 38 of (3), business 38; (3) also holds KPI 30 of (2), business 30
            int more = c[1].startsWith("(1)") || c[1].startsWith("(3)") ? 1 : 0;
            assertEquals(Integer.parseInt(before[6]) + more, Integer.parseInt(c[6]), summary.get(i));
            assertEquals(Integer.parseInt(before[4]) + more, Integer.parseInt(c[4]), summary.get(i));
            assertEquals(List.of(c).subList(0, 7), sheet.get(i).subList(0, 7), "the 集計 sheet agrees");
            assertTrue(html.contains("(集計対象 " + c[3] + "事業[" + c[5] + "KPI] / 全 " + c[4] + "事業[" + c[6]
                    + "KPI])"), "report.html agrees: " + summary.get(i));
        }
        String json = Files.readString(out.resolve("results.json"));
        assertTrue(json.contains("\"再掲\":\"(3) にぎわい再生プロジェクト\""), "the column reaches results.json");
        // the policy's words show the column beside each KPI (terms.drl: .column("再掲"))
        List<String> header = jp.kpireview.report.ReportXlsxTest.rows(out.resolve("report.xlsx"), "FY2018 (H30)").get(0);
        assertEquals(List.of("KPI", "再掲", "単位"), header.subList(4, 7));
        assertTrue(html.contains("<th>KPI</th><th>再掲</th>") && html.contains("<td>(3) にぎわい再生プロジェクト</td>"));
    }

    /**
     * weighted-average: 平均スコア weighted by the town's own column 重み, checked against the weighted mean worked out
     * here from results.csv; its data is the seed with that one column more; a sheet without the column is a located
     * error naming the KPI, the column and the rule, not an unweighted average.
     */
    @Test
    void theWeightedAverageExampleWeightsByTheTownsOwnColumn() throws IOException {
        Path policy = EXAMPLES.resolve("weighted-average");
        java.util.Map<String, java.math.BigDecimal> weights = new java.util.HashMap<>();
        seedPlusOneColumn(policy).forEach((id, weight) -> weights.put(id, new java.math.BigDecimal(weight.isEmpty()
                ? "1" : weight)));
        Path out = dir.resolve("weighted");
        assertTrue(run("batch", "--quiet", "--rules", policy.toString(), "--data", data(policy), "--formats", "csv",
                "--out", out.toString()).startsWith("0\n"));
        // Σ score × 重み ÷ Σ 重み per project and year, from results.csv
        java.util.Map<String, java.math.BigDecimal[]> sums = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(out.resolve("results.csv")).subList(1, 73 * 4 + 1)) {
            String[] c = line.split(",");  // municipality,kpi_id,fiscal_year,status,kind,reference,raw,score,…,project
            if (!c[7].isEmpty()) {
                java.math.BigDecimal[] sum = sums.computeIfAbsent(c[13] + "," + c[2], k -> new java.math.BigDecimal[] {
                        java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO});
                sum[0] = sum[0].add(new java.math.BigDecimal(c[7]).multiply(weights.get(c[1])));
                sum[1] = sum[1].add(weights.get(c[1]));
            }
        }
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(sums.size() + 1, summary.size());
        for (String line : summary.subList(1, summary.size())) {
            String[] c = line.split(",");  // municipality,project,fiscal_year,…,average_score at 7
            java.math.BigDecimal[] sum = sums.get(c[1] + "," + c[2]);
            assertEquals(sum[0].divide(sum[1], 2, java.math.RoundingMode.HALF_UP).toPlainString(), c[7], line);
        }
        String unweighted = run("batch", "--quiet", "--rules", policy.toString(), "--data", "seeds/otaru-h30.csv",
                "--out", dir.resolve("no-weights").toString());
        assertTrue(unweighted.startsWith("2\n") && unweighted.contains("seeds/otaru-h30.csv:2: 重み: KPI 1: 列「重み」が"
                + "ありません: ルール \"重みつき平均スコア\" がこの列を読みます"), unweighted);
    }

    @Test
    void eachPolicyExplainsItselfInItsOwnWords() throws IOException {
        Path data = dir.resolve("ratio.csv");
        Files.writeString(data, "municipality,kpi_id,project,business_no,business,kpi,unit,direction,baseline_year,"
                + "baseline,target_year,target,FY2018\n例市,1,(1) 例,1,例事業,参加者数,人,↗,FY2014,0,FY2019,180,220\n");
        String ratio = run("explain", "--rules", EXAMPLES.resolve("achievement-ratio").toString(), "--data",
                data.toString(), "--year", "FY2018", "--kpi", "1");
        assertTrue(ratio.contains("       達成率 = 220 ÷ 180 × 100 = 122.2 %\n")
                && ratio.contains("区分: A 100%以上 (122.2)") && ratio.contains("結果: 達成率 122.2 · 区分 A 100%以上")
                && !ratio.contains("補正前スコア") && ratio.contains("基準: 目標値 180"), ratio);
        // KPI 59 町会加入数 of project (4): floor 152 − 2 % = 148.96
        String project4 = run("explain", "--rules", EXAMPLES.resolve("maintain-tolerance").toString(), "--data",
                "seeds/otaru-h30.csv", "--year", "FY2018", "--kpi", "59");
        assertTrue(project4.contains("プロジェクト (4) の許容幅 (許容幅.drl:") && project4.contains(
                "基準: 目標値 152 を維持 (許容幅 2 % の下限 148.96 でスコア 0、152 で 100)"),
                project4);
        // KPI 25 乳幼児健診受診率 (%): floor 96.5 − 1 = 95.5; (96.2 − 95.5) / 1 = 70.00
        String percent = run("explain", "--rules", EXAMPLES.resolve("maintain-tolerance").toString(), "--data",
                "seeds/otaru-h30.csv", "--year", "FY2018", "--kpi", "25");
        assertTrue(percent.contains("1 ポイント下の下限 95.5") && percent.contains("= 70.00"), percent);
        String five = run("explain", "--rules", EXAMPLES.resolve("five-grades").toString(), "--data",
                "seeds/otaru-h30.csv", "--year", "FY2018", "--kpi", "17");
        assertTrue(five.contains("区分: S 100以上 (100.00)"), five);
    }

    private static String run(String... args) {
        return Cli.run(args);
    }
}
