package jp.kpireview.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.kpireview.cli.Cli;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Kpi;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sheet as towns keep it: headed in Japanese with the labels our own reports print, in CSV and in Excel, with
 * columns of the town's own beside the known ones; a heading one slip away from a known one is an error naming it.
 */
class JapaneseHeadersTest {

    private static final Path SEED = Path.of("seeds/otaru-h30.csv");
    /** The seed's header, column for column, as an officer's sheet heads it. */
    private static final String JAPANESE = "自治体,KPI番号,プロジェクト,事業番号,事業名,KPI,単位,方向,基準年度,基準値,目標年度,目標値,"
            + "H27実績値,H28実績値,H29実績値,H30実績値,H30年度目標値,備考";

    @TempDir
    Path dir;

    private List<String> seedWithHeader(String header) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(SEED));
        assertEquals(18, lines.get(0).split(",").length, "the seed's columns");
        lines.set(0, header);
        return lines;
    }

    /** results.csv and summary.csv of a batch over {@code data}. */
    private String reports(Path data, String name) throws IOException {
        Path out = dir.resolve(name);
        String run = Cli.run("batch", "--quiet", "--data", data.toString(), "--formats", "csv", "--out",
                out.toString());
        assertTrue(run.startsWith("0\n"), run);
        return Files.readString(out.resolve("results.csv")) + Files.readString(out.resolve("summary.csv"));
    }

    @Test
    void theSeedHeadedInJapaneseGivesTheSeedsResultsFromCsvAndFromExcel() throws IOException {
        String expected = reports(SEED, "seed");
        Path csv = Files.write(dir.resolve("小樽市.csv"), seedWithHeader(JAPANESE));
        assertEquals(expected, reports(csv, "japanese-csv"));
        Path xlsx = TestWorkbooks.workbook(dir.resolve("小樽市.xlsx"), seedWithHeader(JAPANESE));
        assertEquals(expected, reports(xlsx, "japanese-xlsx"));
        // English and Japanese mixed, the years written as the reports' 推移 sheet and towns do
        Path mixed = Files.write(dir.resolve("mixed.csv"), seedWithHeader(JAPANESE.replace("基準値", "baseline")
                .replace("H27実績値", "FY2015").replace("H28実績値", "2016").replace("H29実績値", "平成29年度実績")
                .replace("H30年度目標値", "annual_target_FY2018").replace("単位", "unit")));
        assertEquals(expected, reports(mixed, "mixed"));
    }

    /**
     * A folder of sheets headed in Japanese is a folder of KPI data: a batch over it reads them (it once looked for
     * kpi_id and baseline by their English names only and refused the folder as holding no data), and the years a
     * run is asked about come from 実績値 headings too.
     */
    @Test
    void aFolderOfSheetsHeadedInJapaneseIsRead() throws IOException {
        String expected = reports(SEED, "seed");
        Path folder = Files.createDirectories(dir.resolve("sheets"));
        Path sheet = Files.write(folder.resolve("小樽市.csv"), seedWithHeader(JAPANESE));
        Files.writeString(folder.resolve("公表スコア.csv"), "番号,スコア\n1,66.67\n");
        assertEquals(expected, reports(folder, "folder"));
        assertEquals(List.of(folder.resolve("公表スコア.csv")), KpiData.notKpiData(List.of(folder), KpiData.files(List.of(folder))));
        assertEquals(List.of(2015, 2016, 2017, 2018), List.copyOf(KpiData.headerYears(sheet)));
    }

    @Test
    void theTownsOwnColumnsAreKeptWithEachKpi() throws IOException {
        Path file = Files.writeString(dir.resolve("town.csv"), "KPI番号,プロジェクト,事業名,KPI,単位,方向,基準年度,基準値,目標年度,"
                + "目標値,重み,所管課,H30実績値\n1,p,b,k,件,↗,H26,0,R1,10,2,企画政策課,5\n2,p,b,k2,件,↗,H26,0,R1,10,,,6\n");
        List<Kpi> kpis = KpiCsv.read(file);
        assertEquals(Map.of("重み", "2", "所管課", "企画政策課"), kpis.get(0).attributes());
        assertEquals(List.of("重み", "所管課"), List.copyOf(kpis.get(0).attributes().keySet()), "in sheet order");
        assertEquals(Map.of("重み", "", "所管課", ""), kpis.get(1).attributes(), "an empty cell is kept as empty");
        assertEquals(new BigDecimal("5"), kpis.get(0).actual(2018).orElseThrow());
        assertEquals(2019, kpis.get(0).targetYear(), "R1");
        Path out = dir.resolve("town-out");
        assertTrue(Cli.run("batch", "--quiet", "--data", file.toString(), "--formats", "json", "--out",
                out.toString()).startsWith("0\n"));
        String json = Files.readString(out.resolve("results.json"));
        assertTrue(json.contains("\"attributes\":{\"重み\":\"2\",\"所管課\":\"企画政策課\"}")
                && json.contains("\"attributes\":{\"重み\":\"\",\"所管課\":\"\"}"), json);
    }

    /**
     * A sheet as 宇陀市 keeps it: no projects and no direction symbols (its targets say 以上 or 以下). Its KPIs are one
     * summary, of the whole, and report.html prints no empty project heading.
     */
    @Test
    void aSheetWithoutProjectsOrDirectionSymbolsIsReadAsTheTownKeepsIt() throws IOException {
        Path file = Files.writeString(dir.resolve("宇陀市.csv"), "KPI番号,事業名,KPI,単位,基準年度,基準値,目標年度,目標値,"
                + "H30実績値\n1,子育て支援,相談件数,件,H26,100,R1,150以上,130\n2,交通安全,交通事故件数,件,H26,50,R1,30以下,"
                + "40\n");
        Path out = dir.resolve("uda");
        String run = Cli.run("batch", "--quiet", "--data", file.toString(), "--out", out.toString());
        assertTrue(run.startsWith("0\n"), run);
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(2, summary.size(), summary.toString());
        assertTrue(summary.get(1).startsWith("宇陀市,,FY2018,2,2,2,2,"), summary.get(1));
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        assertTrue(results.get(1).contains(",H30,以上,") && results.get(2).contains(",H30,以下,"), results.toString());
        assertTrue(!Files.readString(out.resolve("report.html")).contains("<h3></h3>"));
    }

    @Test
    void aHeadingOneSlipFromAKnownColumnNamesIt() throws IOException {
        Path file = Files.write(dir.resolve("slips.csv"), seedWithHeader(JAPANESE.replace("目標値", "目標地")
                .replace("基準値", "basline")));
        DataException e = assertThrows(DataException.class, () -> KpiCsv.read(file));
        assertTrue(e.getMessage().contains(file + ":1: basline: 列 'basline' は 基準値 (baseline) の書き間違いでは"
                + "ありませんか"),
                e.getMessage());
        assertTrue(e.getMessage().contains(file + ":1: 目標地: 列 '目標地' は 目標値 (target) の書き間違いではありませんか"),
                e.getMessage());
        assertTrue(e.getMessage().contains("列がありません: 基準値 (baseline)、目標値 (target)"), e.getMessage());
        // a word of the town's own that shares characters with a known heading is not a slip
        List<Kpi> own = KpiCsv.read(Files.write(dir.resolve("own.csv"), seedWithHeader(JAPANESE + ",事業費,単価")
                .stream().map(l -> l.startsWith("自治体") ? l : l + ",1000,20").toList()));
        assertEquals(Map.of("事業費", "1000", "単価", "20"), own.get(0).attributes());
    }

    @Test
    void aColumnNamedTwiceIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("twice.csv"), seedWithHeader(JAPANESE.replace("備考", "baseline")));
        DataException e = assertThrows(DataException.class, () -> KpiCsv.read(file));
        assertTrue(e.getMessage().contains(file + ":1: baseline: '基準値' と 'baseline' はどちらも 基準値 (baseline) の"
                + "列です: 一つにしてください"), e.getMessage());
        Path years = Files.write(dir.resolve("years.csv"), seedWithHeader(JAPANESE.replace("H28実績値", "H27")));
        e = assertThrows(DataException.class, () -> KpiCsv.read(years));
        assertTrue(e.getMessage().contains("'H27実績値' と 'H27' はどちらも FY2015 (H27) の実績値です"),
                e.getMessage());
    }

    /**
     * A year sheet of our own report.xlsx, cut out alone into a workbook of its own, is data: its FY2018 scores and
     * bands are the seed's for all 73 KPIs (its H30年度目標値 column holds the annual targets the year used; the
     * project summary rows, marked 集計 under No., are the report's and not KPIs; the score, band and trend columns
     * are read as the town's own).
     */
    @Test
    void aYearSheetOfOurOwnReportReadsBackAsTheSameData() throws IOException {
        Path out = dir.resolve("report");
        assertTrue(Cli.run("batch", "--quiet", "--data", SEED.toString(), "--out", out.toString(), "--formats",
                "csv,xlsx").startsWith("0\n"));
        List<List<String>> sheet = jp.kpireview.report.ReportXlsxTest.rows(out.resolve("report.xlsx"),
                "FY2018 (H30)");
        assertTrue(sheet.get(0).contains("H30年度目標値"), sheet.get(0).toString());
        Path cut = TestWorkbooks.workbookOf(dir.resolve("FY2018.xlsx"), sheet);
        Path again = dir.resolve("again");
        String run = Cli.run("evaluate", "--quiet", "--data", cut.toString(), "--year", "FY2018", "--out",
                again.toString());
        assertTrue(run.startsWith("0\n"), run);
        Map<String, String> expected = scoresAndBands(out.resolve("results.csv"), "FY2018");
        Map<String, String> read = scoresAndBands(again.resolve("results.csv"), "FY2018");
        assertEquals(73, expected.size());
        assertEquals(expected, read);
    }

    /**
     * A policy that calls the city's target of a year 目安値 (長野県) heads the year sheet's column so, explain says
     * so, and the sheet still reads back as data with the same scores.
     */
    @Test
    void thePolicysWordForTheAnnualTargetHeadsItsColumn() throws IOException {
        Path rules = jp.kpireview.rules.KpiFixture.copyOfRules(dir.resolve("nagano-rules"), text -> text.replace(
                ".annualTarget(\"年度目標値\")", ".annualTarget(\"目安値\")"));
        Path out = dir.resolve("nagano");
        assertTrue(Cli.run("batch", "--quiet", "--rules", rules.toString(), "--data", SEED.toString(), "--out",
                out.toString(), "--formats", "csv,xlsx").startsWith("0\n"));
        List<List<String>> sheet = jp.kpireview.report.ReportXlsxTest.rows(out.resolve("report.xlsx"), "FY2018 (H30)");
        assertTrue(sheet.get(0).contains("H30目安値") && !sheet.get(0).contains("H30年度目標値"), sheet.get(0).toString());
        String explain = Cli.run("explain", "--rules", rules.toString(), "--data", SEED.toString(), "--year", "FY2018",
                "--kpi", "9a");
        assertTrue(explain.contains(" · 目安値 11574灯"), explain);
        Path again = dir.resolve("nagano-again");
        assertTrue(Cli.run("evaluate", "--quiet", "--rules", rules.toString(), "--data", TestWorkbooks.workbookOf(
                dir.resolve("nagano.xlsx"), sheet).toString(), "--year", "FY2018", "--out", again.toString())
                .startsWith("0\n"));
        assertEquals(scoresAndBands(out.resolve("results.csv"), "FY2018"), scoresAndBands(again.resolve("results.csv"),
                "FY2018"));
    }

    /**
     * A column the policy shows (terms.drl's .column) that the sheet lacks: a data error at each KPI's row, once per
     * KPI however many years are evaluated, and no report.
     */
    @Test
    void aShownColumnTheSheetLacksIsAnErrorOncePerKpi() throws IOException {
        Path rules = jp.kpireview.rules.KpiFixture.copyOfRules(dir.resolve("shown-rules"), text -> text.replace(
                ".annualTarget(\"年度目標値\")", ".annualTarget(\"年度目標値\").column(\"所管課\")"));
        Path out = dir.resolve("shown");
        String run = Cli.run("batch", "--quiet", "--rules", rules.toString(), "--data", SEED.toString(), "--out",
                out.toString());
        assertTrue(run.startsWith("2\n") && run.contains("seeds/otaru-h30.csv:2: 所管課: 列「所管課」がありません"), run);
        assertEquals(73, run.lines().filter(l -> l.contains("列「所管課」がありません")).count(), run);
        assertTrue(!Files.exists(out.resolve("results.csv")), "no report");
    }

    /** results.csv: KPI → "score band" of {@code year}. */
    private static Map<String, String> scoresAndBands(Path results, String year) throws IOException {
        Map<String, String> scores = new java.util.TreeMap<>();
        try (CSVParser csv = CSVParser.parse(results, java.nio.charset.StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord r : csv) {
                if (r.get("fiscal_year").equals(year)) {
                    scores.put(r.get("kpi_id"), r.get("status") + " " + r.get("score") + " " + r.get("band"));
                }
            }
        }
        return scores;
    }
}
