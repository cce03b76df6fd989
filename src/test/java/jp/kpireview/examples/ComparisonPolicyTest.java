package jp.kpireview.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import jp.kpireview.cli.Cli;
import org.apache.commons.csv.CSVFormat;
import jp.kpireview.report.ReportXlsxTest;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/policies/comparison judges by comparison alone: no score, no average, no ☆. None of those may appear in
 * any output people read, and the files programs read keep their columns with those cells empty. Its data marks
 * KPI 15 (actual 6828) 対象外 by the city's decision: a status of the rules' own, shown as itself.
 */
class ComparisonPolicyTest {

    private static final String RULES = "examples/policies/comparison";
    private static final String DATA = RULES + "/data/otaru-h30.csv";
    /** What a scored policy would print somewhere: a score's name, a summary measure, the flag. */
    private static final Pattern SCORED_WORDS = Pattern.compile("スコア|平均|☆|達成率");

    @TempDir
    static Path dir;
    static Path out;

    @BeforeAll
    static void batch() {
        out = dir.resolve("out");
        String printed = Cli.run("batch", "--quiet", "--rules", RULES, "--data", DATA, "--plan", "FY2019", "--out",
                out.toString());
        assertTrue(printed.startsWith("0\n"), printed);
    }

    /** A CSV the batch wrote, by header (the BOM stripped). */
    private static List<CSVRecord> records(String file) throws IOException {
        String text = Files.readString(out.resolve(file)).substring(1);
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(
                new java.io.StringReader(text)).getRecords();
    }

    /**
     * The example's data is the seed with notes of its own (対象外 …): every other cell is the seed's, so the copy
     * cannot drift from the published figures (its notes already had).
     */
    @Test
    void theExamplesDataIsTheSeedButForItsNotes() throws IOException {
        List<CSVRecord> seed = csv(Path.of("seeds/otaru-h30.csv"));
        List<CSVRecord> data = csv(Path.of(DATA));
        assertEquals(seed.size(), data.size());
        for (int i = 0; i < seed.size(); i++) {
            for (String column : seed.get(0).getParser().getHeaderNames()) {
                if (!column.equals("note")) {
                    assertEquals(seed.get(i).get(column), data.get(i).get(column), "row " + (i + 2) + ", " + column);
                }
            }
        }
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (var parser = org.apache.commons.csv.CSVParser.parse(file, java.nio.charset.StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }

    @Test
    void resultsKeepTheirColumnsWithNoScoreAndNoFlag() throws IOException {
        List<CSVRecord> rows = records("results.csv");
        assertEquals(73 * 4, rows.size());
        for (CSVRecord r : rows) {
            assertEquals(List.of("", "", ""), List.of(r.get("raw_score"), r.get("score"), r.get("achieved")),
                    r.toString());
        }
        CSVRecord excluded = rows.stream().filter(r -> r.get("kpi_id").equals("15")
                && r.get("fiscal_year").equals("FY2018")).findFirst().orElseThrow();
        assertEquals(List.of("excluded", ""), List.of(excluded.get("status"), excluded.get("band")));
        CSVRecord reached = rows.stream().filter(r -> r.get("kpi_id").equals("8a")
                && r.get("fiscal_year").equals("FY2018")).findFirst().orElseThrow();
        assertEquals(List.of("judged", "◎"), List.of(reached.get("status"), reached.get("band")));
        for (CSVRecord s : records("summary.csv")) {
            assertEquals(List.of("", ""), List.of(s.get("average_score"), s.get("☆")), s.toString());
        }
    }

    @Test
    void noReportPeopleReadShowsAScoreAnAverageOrAFlag() throws IOException {
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(SCORED_WORDS.matcher(html).find(), "report.html names a score, an average or ☆");
        assertTrue(html.contains("対象外"), "the excluded KPI shows its status");
        for (String sheet : ReportXlsxTest.sheetNames(out.resolve("report.xlsx"))) {
            for (List<String> row : ReportXlsxTest.rows(out.resolve("report.xlsx"), sheet)) {
                assertFalse(row.stream().anyMatch(c -> SCORED_WORDS.matcher(c).find()), sheet + ": " + row);
            }
        }
        String json = Files.readString(out.resolve("results.json"));
        assertTrue(json.contains("\"terms\":{\"score\":null,\"rawScore\":null,\"averageScore\":null,\"achieved\":null,"
                + "\"achievedLegend\":null}"), "the policy section names no score");
        assertFalse(Pattern.compile("\"(score|averageScore|achieved)\":[-\\dt]").matcher(json).find());
        String table = Cli.run("evaluate", "--rules", RULES, "--data", DATA, "--year", "FY2018", "--out",
                dir.resolve("evaluate").toString());
        assertFalse(SCORED_WORDS.matcher(table).find(), table);
        assertTrue(table.contains("対象外") && table.contains("×2 △3 ○8 ◎3"), table);
        String plan = Files.readString(out.resolve("plan.csv"));
        assertTrue(plan.lines().findFirst().orElseThrow().endsWith(",needs_△,needs_○,needs_◎,note"), plan);
    }

    @Test
    void explainSaysWhyAKpiIsExcludedAndHowAnotherWasJudged() {
        String excluded = Cli.run("explain", "--rules", RULES, "--data", DATA, "--year", "FY2018", "--kpi", "15");
        assertTrue(excluded.contains("評価しない: 備考「対象外: 派遣の仕組みを見直し中のため")
                && excluded.contains("結果: 対象外 (excluded): 派遣の仕組みを見直し中のため"), excluded);
        String judged = Cli.run("explain", "--rules", RULES, "--data", DATA, "--year", "FY2018", "--kpi", "6");
        assertTrue(judged.contains("△ 基準値程度: 実績値 220 は基準値 213 の ±10.65 の中")
                && judged.contains("結果: 区分 △ 基準値程度") && !SCORED_WORDS.matcher(judged).find(), judged);
    }
}
