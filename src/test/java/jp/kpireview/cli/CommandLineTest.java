package jp.kpireview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jp.kpireview.report.ReportXlsxTest;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands as a user runs them: exit codes, what they print, what they write. */
class CommandLineTest {

    /** The version every result of the bundled rules names: the first 8 digits of their hash. */
    private static final String RULES_HASH = jp.kpireview.engine.Policy.hash(Path.of("rules")).substring(0, 8);

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path copyOfRules() throws IOException {
        return KpiFixture.copyOfRules(dir.resolve("rules"), drl -> drl);
    }

    /** A copy of the bundled seed data with one line (0 = header) edited. */
    private Path seedWithLine(int index, UnaryOperator<String> edit) throws IOException {
        Path data = dir.resolve("data.csv");
        List<String> lines = Files.readAllLines(Path.of("seeds/otaru-h30.csv"));
        lines.set(index, edit.apply(lines.get(index)));
        Files.write(data, lines);
        return data;
    }

    /**
     * The help of the commands policy officers use to check and record an edit is Japanese first: picocli's own words
     * (usage, options, --help) from the bundle, and each command's description.
     */
    @Test
    void theHelpOfTheOfficersCommandsIsJapaneseFirst() {
        for (String command : List.of("validate", "test-rules", "explain", "diff", "history", "restore")) {
            String help = Cli.run(command, "--help");
            assertTrue(help.startsWith("0\n使い方 (usage): kpi-review " + command) && help.contains("オプション (options):")
                    && help.contains("この説明を表示して終わります"), help);
            String description = help.lines().skip(1).filter(l -> !l.startsWith("使い方") && !l.startsWith(" "))
                    .findFirst().orElse("");
            assertTrue(description.matches("^[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}].*"), command + ": " + description);
        }
    }

    /** bin/kpi-review answers --help before its first build from a list of its own: it names every command. */
    @Test
    void theHelpBeforeTheFirstBuildNamesEveryCommand() throws IOException {
        String script = Files.readString(Path.of("bin/kpi-review"));
        java.util.regex.Matcher listed = java.util.regex.Pattern.compile("\nCommands: ([^\n(]*)").matcher(script);
        assertTrue(listed.find(), "bin/kpi-review has its own command list");
        assertEquals(new java.util.TreeSet<>(Main.commandLine().getSubcommands().keySet()),
                new java.util.TreeSet<>(List.of(listed.group(1).strip().split(" "))));
    }

    /**
     * A run adds only the command it names (picocli's reading of the others costs a new JVM time); the help and a
     * mistyped command get them all, and a command's own help reads the same either way.
     */
    @Test
    void aRunAddsOnlyTheCommandItNames() {
        assertEquals(List.of("evaluate"), List.copyOf(Main.commandLine(new String[] {"evaluate", "--help"})
                .getSubcommands().keySet()));
        assertEquals(Main.commandLine().getSubcommands().keySet(), Main.commandLine(new String[] {"evaluat"})
                .getSubcommands().keySet());
        assertEquals(Main.commandLine().getSubcommands().keySet(), Main.commandLine(new String[0])
                .getSubcommands().keySet());
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            assertEquals(Main.commandLine().getSubcommands().get(command).getUsageMessage(),
                    Main.commandLine(new String[] {command}).getSubcommands().get(command).getUsageMessage(), command);
        }
    }

    @Test
    void evaluateWritesResultsAndSummaries() throws IOException {
        Path out = dir.resolve("out");
        Run run = run("evaluate", "--data", "seeds/otaru-h30.csv", "--year", "H30", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("(集計対象 11事業[16KPI] / 全 11事業[16KPI])  平均スコア 40.90  ×3 ●5 ○5 ◎3 ☆3"),
                run.out());
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(74, results.size());
        assertTrue(results.get(0).startsWith("\uFEFFmunicipality,kpi_id,fiscal_year,status,reference_kind,reference,"
                + "raw_score,score,band,achieved,trend"), results.get(0));
        // 前回比 against FY2017, as the run over every year has it, though FY2018 alone was asked for
        assertTrue(results.contains("小樽市,8a,FY2018,scored,linear,904,261.02,100.00,◎,true,unchanged,H30,↘,"
                + "(1) あずまい暮らしプロジェクト,8,市民の声「除雪依頼」件数,rules@" + RULES_HASH), results::toString);
        assertTrue(results.stream().anyMatch(r -> r.startsWith("小樽市,49,FY2018,no_actual,,,,,,,,H30,")));
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("\uFEFFmunicipality,project,fiscal_year,scored_businesses,all_businesses,scored_kpis,all_kpis,"
                + "average_score,×,●,○,◎,☆,policy", summary.get(0));
        assertEquals("小樽市,(4) あんしん絆再生プロジェクト,FY2018,13,14,14,15,-14.33,7,3,3,1,0,rules@" + RULES_HASH,
                summary.get(4));
    }

    @Test
    void batchWritesEveryYearOfTheSeed() throws IOException {
        Path out = dir.resolve("out");
        Run run = run("batch", "--data", "seeds/otaru-h30.csv", "--out", out.toString(), "--formats", "csv,json",
                "--quiet");
        assertEquals(0, run.exit(), run.err());
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(1 + 73 * 4, results.size(), "73 KPIs × FY2015–FY2018");
        assertTrue(results.contains("小樽市,17,FY2016,scored,final,100,-6.06,-6.06,×,false,worsening,H28,↑,"
                + "(2) 樽っ子プライド育成プロジェクト,17,参加児童生徒数,rules@" + RULES_HASH),
                "behind the baseline: final target");
        assertTrue(results.contains("小樽市,17,FY2018,scored,linear,93,196.15,100.00,◎,true,improving,H30,↑,"
                + "(2) 樽っ子プライド育成プロジェクト,17,参加児童生徒数,rules@" + RULES_HASH), "67 → 100: FY2018 target 93.4 → 93");
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(1 + 4 * 4, summary.size());
        assertTrue(summary.contains("小樽市,(4) あんしん絆再生プロジェクト,FY2018,13,14,14,15,-14.33,7,3,3,1,0,rules@"
                + RULES_HASH));
        assertEquals(List.of("fiscalYears", "policies", "summaries", "kpis"), jsonKeysOfFirstMunicipality(out));
        assertTrue(Files.readString(out.resolve("results.json")).contains("{\"fiscalYear\":\"FY2018\","
                + "\"fiscalYearJp\":\"H30\",\"actual\":118,\"status\":\"scored\",\"referenceKind\":\"linear\","
                + "\"reference\":93,\"rawScore\":196.15,\"score\":100.00,\"scoreShown\":\"100.00\",\"band\":\"◎\",\"achieved\":true,"
                + "\"trend\":\"improving\",\"policy\":\"rules@" + RULES_HASH + "\",\"statusLabel\":\"評価済\"}"));
    }

    /** The array fields of the first municipality in results.json, read with a real JSON parser. */
    private static List<String> jsonKeysOfFirstMunicipality(Path out) throws IOException {
        List<String> keys = new ArrayList<>();
        try (JsonParser json = new JsonFactory().createParser(out.resolve("results.json").toFile())) {
            json.nextToken();
            while (json.nextToken() == JsonToken.FIELD_NAME && !"municipalities".equals(json.currentName())) {
                json.nextToken();
                json.skipChildren();
            }
            json.nextToken();
            json.nextToken();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                if (json.nextToken() == JsonToken.START_ARRAY) {
                    keys.add(json.currentName());
                }
                json.skipChildren();
            }
        }
        return keys;
    }

    @Test
    void aYearWithoutActualsIsRefusedAndARangePastTheDataSaysWhatItSkipped() {
        Run r1 = run("evaluate", "--data", "seeds/otaru-h30.csv", "--year", "R1", "--out",
                dir.resolve("r1").toString());
        assertEquals(2, r1.exit());
        assertTrue(r1.err().contains("seeds/otaru-h30.csv:1: year: 小樽市 のどの KPI にも FY2019 (R1) の実績値がありませ"
                + "ん。実績値のある年度: FY2015 (H27), FY2016 (H28), FY2017 (H29), FY2018 (H30) (no KPI of 小樽市 has an"
                + " actual for FY2019 (R1))"), r1.err());
        assertFalse(Files.exists(dir.resolve("r1")), "nothing written");
        Run range = run("batch", "--data", "seeds/otaru-h30.csv", "--years", "FY2015..FY2019", "--formats", "csv",
                "--quiet", "--out", dir.resolve("range").toString());
        assertEquals(0, range.exit(), range.err());
        assertTrue(range.err().contains("注意: FY2019 (R1) は評価しませんでした: その年度の実績値のある KPI がありません"
                + " (skipped: no KPI has an actual for it)"), range.err());
    }

    @Test
    void oneYearsReportShowsTheEarlierActualsAsThePublishedTableDoes() throws IOException {
        Run run = run("batch", "--quiet", "--data", "seeds/otaru-h30.csv", "--years", "FY2018", "--out",
                dir.resolve("y").toString());
        assertEquals(0, run.exit(), run.err());
        String html = Files.readString(dir.resolve("y/report.html"));
        for (String year : List.of("H27", "H28", "H29", "H30")) {
            assertTrue(html.contains("<th>" + year + "<br>実績値</th>"), year);
        }
        assertTrue(ReportXlsxTest.rows(dir.resolve("y/report.xlsx"), "FY2018 (H30)").get(0).containsAll(
                List.of("H27実績値", "H28実績値", "H29実績値", "H30実績値")));
    }

    @Test
    void allOfARowsProblemsAreReportedAtOnceTheDirectionIncluded() throws IOException {
        Path data = Files.writeString(dir.resolve("row.csv"), "kpi_id,project,business_no,business,kpi,unit,"
                + "direction,baseline_year,baseline,target_year,target,FY2018\n1,p,1,b,k,件,up,FY20x4,0,FY2019,10,5\n");
        Run run = run("evaluate", "--data", data.toString(), "--year", "FY2018", "--out", dir.resolve("o").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains(data + ":2: direction: 方向の記号 'up' は方針の表にありません: ↗ ↑ ▲ increase 増加"
                + " 以上 ↘ ↓ ▼ decrease 減少 以下 → maintain 維持 のどれかを書きます (unknown direction 'up')")
                && run.err().contains(data + ":2: baseline_year: ") && run.err().contains("は年度として読めません"),
                run.err());
    }

    @Test
    void anUnclosedQuoteInACsvIsLocated() throws IOException {
        Path broken = dir.resolve("quote.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("seeds/otaru-h30.csv")));
        lines.set(20, lines.get(20).replaceFirst(",\\(", ",\"("));
        Files.write(broken, lines);
        Run run = run("evaluate", "--data", broken.toString(), "--year", "FY2018", "--out", dir.resolve("q").toString());
        assertEquals(2, run.exit());
        assertEquals("誤り: " + broken + ":21: CSV: ここで始まる引用符 (\") つきのセルが閉じていません (\" が足りません):"
                + " このままではファイルの残りが一つのセルになります", run.err().strip());
    }

    @Test
    void batchWritesAllFiveReportsByDefault() throws IOException {
        Path out = dir.resolve("out");
        Run run = run("batch", "--data", "seeds/otaru-h30.csv", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("report.html", "report.xlsx", "results.csv", "results.json", "summary.csv"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "and no temporary file");
        }
        assertTrue(run.out().contains("1 ファイル · 1 自治体 · 73 KPI · 292 KPI・年度"), run.out());
    }

    @Test
    void batchWithBadDataWritesNothing() throws IOException {
        Path data = seedWithLine(3, line -> line.replace(",↗,", ",up,"));
        Path out = dir.resolve("out");
        Run run = run("batch", "--data", data.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("誤り: " + data + ":4: direction: 方向の記号 'up' は方針の表にありません"), run.err());
        assertFalse(Files.exists(out));
    }

    /** A folder's CSV files that are no KPI data (the published scores beside the seed) are left out, each said so. */
    @Test
    void aFolderRunSaysWhichFilesItLeavesOut() {
        Run run = run("batch", "--data", "seeds", "--out", dir.resolve("seeds-out").toString(), "--formats", "csv");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("注意: " + Path.of("seeds", "otaru-h30-published-summaries.csv") + " は読みません: 見出しが"
                + " KPI のデータのものではありません (KPI の番号と基準値の列がない) (left out: not KPI data)", "注意: "
                + Path.of("seeds", "otaru-h30-published.csv") + " は読みません: 見出しが KPI のデータのものではありません"
                + " (KPI の番号と基準値の列がない) (left out: not KPI data)"), run.err().lines().filter(l -> l.startsWith(
                "注意: ")).toList());
        assertTrue(run.out().contains("1 ファイル · 1 自治体 · 73 KPI"), run.out());
    }

    /** A report folder that cannot be made is named in Japanese first, with the system's reason: no English alone. */
    @Test
    void aReportFolderThatCannotBeMadeIsSaidInJapanese() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "");
        Path out = file.resolve("out");
        Run run = run("batch", "--data", "seeds/otaru-h30.csv", "--out", out.toString(), "--quiet");
        assertEquals(2, run.exit());
        assertEquals("誤り: " + out + " を作れません: 途中にフォルダでないファイルがあります (cannot create " + out
                + ": Not a directory)", run.err().strip());
    }

    /** {@code score.drl:21}: the file and the line of the rule's header, found in the file itself. */
    private static String at(String file, String rule) {
        try {
            List<String> lines = Files.readAllLines(Path.of("rules", file));
            return file + ":" + (lines.indexOf("rule \"" + rule + "\"") + 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A project's summary and grade explained rule by rule, in the policy's words, ending with the summary line. */
    @Test
    void explainOfAProjectShowsHowItsSummaryAndGradeCameAbout() {
        Run run = run("explain", "--rules", "examples/policies/project-grade", "--data", "seeds/otaru-h30.csv",
                "--year", "H30", "--project", "(2) 樽っ子プライド育成プロジェクト");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("集計 (2) 樽っ子プライド育成プロジェクト — 小樽市, FY2018 (H30)", lines.get(0));
        assertTrue(lines.get(1).startsWith("  方針: project-grade@"), lines.get(1));
        assertEquals(List.of(
                "  1. スコアのついた KPI を数える (summary.drl:15)",
                "       集計対象: (2) 樽っ子プライド育成プロジェクト のスコアのついた 19 KPI",
                "  2. 平均スコア (average.drl:11)",
                "       平均 = 19 KPI のスコアの平均 = 56.67",
                "  3. 集計の評価 (grade.drl:23)",
                "       評価 概ね順調: (2) 樽っ子プライド育成プロジェクト の集計対象 19 KPI のうち ○ ◎ の割合が 40 % 以上"
                        + " (評価 3行目)",
                "  4. プロジェクトの KPI (summary.drl:27)",
                "       全: (2) 樽っ子プライド育成プロジェクト の 21 KPI",
                "  結果: (集計対象 18事業[19KPI] / 全 19事業[21KPI])  平均スコア 56.67  ×2 ●6 ○3 ◎8 ☆4  評価 概ね順調"),
                lines.subList(2, lines.size()));
        Run unknown = run("explain", "--data", "seeds/otaru-h30.csv", "--year", "H30", "--project", "(9) なし");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("プロジェクト '(9) なし' がありません。次のどれかを書きます: (1) あずまい暮らし"
                + "プロジェクト、"), unknown.err());
        Run both = run("explain", "--data", "seeds/otaru-h30.csv", "--year", "H30", "--project", "全体", "--kpi", "1");
        assertTrue(both.exit() != 0 && both.err().contains("--kpi か --project のどちらか一つを書きます"), both.err());
    }

    @Test
    void explainShowsEveryRuleThatFiredWithWhatItConcluded() {
        Run run = run("explain", "--data", "seeds/otaru-h30.csv", "--year", "H30", "--kpi", "17");
        assertEquals(0, run.exit(), run.err());
        // published: 17 参加児童生徒数 67人 → 118人, 196.15, 100.00, ◎ ☆
        assertEquals(List.of("  方針: rules@" + RULES_HASH,
                "  データ: 方向 ↑ · 基準値 67人 (H26) · 目標値 100人 (H31/R1) · 実績値 118人",
                "  1. 記号の示す方向 (" + at("direction.drl", "記号の示す方向") + ")",
                "       方向: ↑ (増加)",
                "  2. 道筋のその年の位置 (" + at("reference.drl", "道筋のその年の位置") + ")",
                "       道筋: FY2018 は 5 年の道筋の 4 年目 (1 年目は最初に実績のある FY2015)",
                "  3. 件数のKPI (" + at("reference.drl", "件数のKPI") + ")",
                "       件数の KPI: 単位 人、基準値・目標値・実績値がすべて整数",
                "  4. 件数の道筋の年度目標 (" + at("reference.drl", "件数の道筋の年度目標") + ")",
                "       基準: 年度目標 93 (基準値 67 から目標値 100 への直線の道筋の 4/5、件数なので整数に四捨五入)",
                "  5. 補正前スコア (" + at("score.drl", "補正前スコア") + ")",
                "       補正前スコア = (118 − 67) ÷ (93 − 67) × 100 = 196.15",
                "  6. スコアの範囲に収める (" + at("score.drl", "スコアの範囲に収める") + ")",
                "       スコア = 100.00 (補正前スコア 196.15 を -100 〜 100 に収めた値、スコアの範囲 2行目)",
                "  7. 目標値に達した ☆ (" + at("achievement.drl", "目標値に達した ☆") + ")",
                "       ☆: 実績値 118 が目標値 100 に達した",
                "  8. スコアの区分 (" + at("score-band.drl", "スコアの区分") + ")",
                "       区分: ◎ 100以上 (100.00) 区分表 5行目",
                "  結果: スコア 100.00 · 区分 ◎ 100以上 · ☆ あり"), run.out().lines().skip(1).toList());
    }

    @Test
    void evaluateTraceWritesTheExplanationOfEveryKpi() throws IOException {
        Path trace = dir.resolve("trace.txt");
        Run run = run("evaluate", "--data", "seeds/otaru-h30.csv", "--year", "H30", "--quiet", "--out",
                dir.resolve("out").toString(), "--trace", trace.toString());
        assertEquals(0, run.exit(), run.err());
        List<String> lines = Files.readAllLines(trace);
        assertEquals(73, lines.stream().filter(l -> l.startsWith("KPI ")).count());
        assertTrue(lines.contains("       基準: 目標値 10 (実績値 5 が基準値 6 に届かないため)"),
                "5b: 5 世帯 is behind the baseline 6");
        assertTrue(lines.contains("       評価しない: FY2018 の実績値がない"), "49 has no FY2018 actual");
    }

    @Test
    void explainNamesAnUnknownKpi() {
        Run run = run("explain", "--data", "seeds/otaru-h30.csv", "--year", "H30", "--kpi", "99z");
        assertEquals(2, run.exit());
        assertEquals("誤り: seeds/otaru-h30.csv: kpi_id: KPI '99z' がありません (no KPI '99z')", run.err().strip());
    }

    @Test
    void diffShowsWhatLoweringTheTopEdgeTo90Changes() throws IOException {
        Path edited = KpiFixture.copyOfRules(dir.resolve("rules90"),
                drl -> drl.replace("◎,100,100以上", "◎,90,90以上"));
        Path out = dir.resolve("out");
        Run run = run("diff", "--rules", "rules", "--rules", edited.toString(), "--data", "seeds/otaru-h30.csv",
                "--years", "FY2018", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        // the published FY2018 scores in [90, 100): 5a 94.74, 9a 98.44, 9b 96.56, 25 94.82 (ours 93.78), 32 93.46
        List<String> moved = run.out().lines().filter(l -> l.contains("○ → ◎"))
                .map(l -> l.strip().split("\\s+")[1]).toList();
        assertEquals(List.of("5a", "9a", "9b", "25", "32"), moved);
        assertTrue(run.out().startsWith("rules → " + edited + ": 73 の KPI・年度を比べました。区分か☆が変わるもの 5、スコアだけが変わるもの 0、"
                + "集計が変わるプロジェクト 3"), run.out());
        assertTrue(run.out().contains("(集計対象 11事業[16KPI] / 全 11事業[16KPI])  平均スコア 40.90  ×3 ●5 ○2 ◎6 ☆3"),
                "(1): 5a, 9a, 9b move from ○ to ◎");
        String html = Files.readString(out.resolve("diff.html"));
        assertTrue(html.contains("○ → ◎"));
        // the changed counts of project (1) are marked, the unchanged ones plain
        assertTrue(html.contains("平均スコア 40.90  ×3 ●5 <mark>○2</mark> <mark>◎6</mark> ☆3"), html);
    }

    @Test
    void diffOfTheSameRulesChangesNothing() throws IOException {
        Run run = run("diff", "--rules", "rules", "--rules", copyOfRules().toString(), "--data",
                "seeds/otaru-h30.csv", "--out", dir.resolve("out").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains(": 292 の KPI・年度を比べました。区分か☆が変わるもの 0、スコアだけが変わるもの 0、集計が変わるプロジェクト 0"), run.out());
    }

    /** Lowering the 順調 row of the project-grade example's table changes grades only: diff reports those summaries. */
    @Test
    void diffComparesProjectGrades() throws IOException {
        Path edited = jp.kpireview.rules.KpiFixture.copyOfPolicy(Path.of("examples/policies/project-grade"),
                dir.resolve("graded"), text -> text.replace("順調,70,", "順調,50,"));
        Run run = run("diff", "--rules", "examples/policies/project-grade", "--rules", edited.toString(), "--data",
                "seeds/otaru-h30.csv", "--years", "FY2018", "--out", dir.resolve("out").toString());
        assertEquals(0, run.exit(), run.err());
        // (1) 50 % of its counted KPIs in ○ or ◎: 概ね順調 → 順調; the bands and averages stay as they are
        assertTrue(run.out().contains("区分か☆が変わるもの 0、スコアだけが変わるもの 0、集計が変わるプロジェクト 3"),
                run.out());
        assertTrue(run.out().contains("平均スコア 40.90  ×3 ●5 ○5 ◎3 ☆3  評価 概ね順調\n")
                && run.out().contains("平均スコア 40.90  ×3 ●5 ○5 ◎3 ☆3  評価 順調\n"), run.out());
    }

    @Test
    void validateAndTestRulesPassOnTheBundledRulesAndWarnAboutTheEdit() throws IOException {
        Run valid = run("validate");
        assertEquals(0, valid.exit(), valid.out());
        assertTrue(valid.out().contains("  場面: 46 件、期待と違うもの 0") && valid.out().strip().endsWith("問題なし"),
                valid.out());
        assertEquals(0, run("test-rules").exit());
        Path edited = KpiFixture.copyOfRules(dir.resolve("rules90"),
                drl -> drl.replace("◎,100,100以上", "◎,90,90以上"));
        Files.createDirectories(edited.resolve("tests"));
        Files.copy(Path.of("rules/tests/scoring.csv"), edited.resolve("tests/scoring.csv"));
        Run warned = run("validate", "--rules", edited.toString());
        assertEquals(1, warned.exit(), warned.out());
        Run failed = run("test-rules", "--rules", edited.toString());
        assertEquals(1, failed.exit());
        assertEquals(List.of("違う: " + edited.resolve("tests/scoring.csv") + ":5: 'just below the ◎ edge': band "
                + "の期待は ○、結果は ◎", "違う: " + edited.resolve("tests/scoring.csv") + ":27: 'after the target year the "
                + "target stays': band の期待は ○、結果は ◎"),
                failed.out().lines().filter(l -> l.startsWith("違う: ")).toList(), "99.99 and 90.00 are ◎ now");
    }

    @Test
    void checkPassesOnTheBundledSeed() {
        Run run = run("check");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("published table inconsistent: (1) あずまい暮らしプロジェクト: printed ● 3, but its rows"
                + " hold 5"), run.out());
        assertTrue(run.out().strip().endsWith("PASS"), run.out());
    }

    @Test
    void checkWithoutAnnualTargetsReportsTheMethodAloneAndExitsOne() {
        Run run = run("check", "--no-annual-targets");
        assertEquals(1, run.exit());
        assertTrue(run.out().contains("raw 54/67 (derived 54/67, annual target 0/0)"), run.out());
        assertTrue(run.out().contains("differs: 9a: raw "), run.out());
    }

    /** The old name of --no-annual-targets is refused naming the new one: it changed scores while --plan plans. */
    @Test
    void noPlanIsRefusedNamingNoAnnualTargets() {
        Run run = run("evaluate", "--data", "seeds/otaru-h30.csv", "--year", "FY2018", "--no-plan");
        assertEquals(2, run.exit(), run.out());
        assertTrue(run.err().contains("--no-plan はありません: 年度目標値を使わずに評価するには --no-annual-targets を使います"),
                run.err());
    }

    @Test
    void aBrokenRuleFileGivesItsFileAndLineAndExitTwo() throws IOException {
        Path rules = copyOfRules();
        Path reference = rules.resolve("reference.drl");
        List<String> lines = Files.readAllLines(reference);
        int broken = lines.indexOf("    insert( Reference.of($d, ReferenceKind.FINAL, $d.kpi().baseline(), "
                + "$d.kpi().finalTarget()) );");
        lines.set(broken, "    insert( Reference.of($d, ReferenceKind.FINAL, $d.kpi().baseline() );");
        Files.write(reference, lines);
        Path out = dir.resolve("out");
        Run run = run("evaluate", "--data", "seeds/otaru-h30.csv", "--year", "FY2018", "--rules", rules.toString(),
                "--out", out.toString());
        assertEquals(2, run.exit());
        List<String> errors = run.err().lines().toList();
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).startsWith("ルールの誤り: " + reference + ":"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aRuleFileWithAMissingEndGivesOneErrorNotACascade() throws IOException {
        Path rules = copyOfRules();
        Path direction = rules.resolve("direction.drl");
        Files.writeString(direction, Files.readString(direction).replaceFirst("(?m)^end$", ""));
        Run run = run("check", "--rules", rules.toString());
        assertEquals(2, run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("ルールの誤り: " + direction + ":"), run.err());
    }

    @Test
    void aMalformedDataCellIsLocatedAndNothingIsWritten() throws IOException {
        Path data = seedWithLine(4, line -> line.replaceFirst(",FY2014,5,", ",FY2014,5件,"));
        Path out = dir.resolve("out");
        Run run = run("evaluate", "--data", data.toString(), "--year", "FY2018", "--out", out.toString());
        assertEquals(2, run.exit());
        assertEquals("誤り: " + data + ":5: baseline: '5件' は数ではありません: 1199 や 75.9 のように数だけを書きます (区切り・単位・空白なし) (not a number)", run.err().strip());
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnknownDirectionIsLocated() throws IOException {
        Path data = seedWithLine(1, line -> line.replace(",↗,", ",up,"));
        Run run = run("evaluate", "--data", data.toString(), "--year", "FY2018", "--out", dir.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("誤り: " + data + ":2: direction: 方向の記号 'up' は方針の表にありません"), run.err());
    }

    @Test
    void aTargetEqualToTheBaselineIsReportedAsSuchNotScored() throws IOException {
        Path data = dir.resolve("data.csv");
        Files.writeString(data, "kpi_id,project,business_no,business,kpi,unit,direction,baseline_year,baseline,"
                + "target_year,target,FY2015,FY2018\n1,(1) p,1,b,k,件,↗,FY2014,5,FY2019,5,5,6\n");
        Path out = dir.resolve("out");
        Run run = run("evaluate", "--data", data.toString(), "--year", "FY2018", "--out", out.toString(), "--quiet");
        assertEquals(0, run.exit(), run.err());
        assertTrue(Files.readAllLines(out.resolve("results.csv")).get(1)
                .startsWith("data,1,FY2018,reference_equals_baseline,linear,5,,,,,,H30,"));
    }

    @Test
    void aBadYearIsAUsageError() {
        Run run = run("evaluate", "--data", "seeds/otaru-h30.csv", "--year", "next");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--year: 'next' は年度として読めません"), run.err());
        // one line and where to look, not the whole usage
        assertEquals(2, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("kpi-review evaluate --help でオプションの一覧が出ます"), run.err());
    }

    @Test
    void theCommandLinesOwnMistakesAreSaidInJapaneseFirst() {
        Run missing = run("diff", "--rules", "rules");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().startsWith("誤り: 必要なオプションがありません: --data (Missing required option:"),
                missing.err());
        Run unknown = run("evaluate", "--data", "seeds/otaru-h30.csv", "--year", "FY2018", "--bogus");
        assertTrue(unknown.err().startsWith("誤り: 知らないオプションか引数です: --bogus (Unknown option: '--bogus')"),
                unknown.err());
        Run twice = run("evaluate", "--data", "seeds/otaru-h30.csv", "--year", "FY2018", "--year", "FY2017");
        assertTrue(twice.err().startsWith("誤り: 同じオプションが二度書かれています: --year ("), twice.err());
        Run notNumber = run("batch", "--data", "seeds/otaru-h30.csv", "--threads", "x");
        assertTrue(notNumber.err().startsWith("誤り: オプションか、その値が読めません (Invalid value for option"
                + " '--threads': 'x' is not an int)"), notNumber.err());
        // the commands' own messages are Japanese already, and stay as they are
        Run zero = run("batch", "--data", "seeds/otaru-h30.csv", "--threads", "0");
        assertTrue(zero.err().startsWith("誤り: --threads: 1 以上にします (must be at least 1)"), zero.err());
    }

    @Test
    void aMissingDataFileIsNamedWithoutALine() {
        Run run = run("evaluate", "--data", "seeds/otaru.csv", "--year", "FY2018");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("誤り: seeds/otaru.csv: file: データのファイルがありません"), run.err());
    }
}
