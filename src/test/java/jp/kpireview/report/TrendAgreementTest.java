package jp.kpireview.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kpireview.cli.Cli;
import jp.kpireview.domain.Trend;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trend, one name, everywhere: every trend cell of report.xlsx (each year sheet's 前回比 and the 推移 sheet's
 * 前回比 of the latest year) and of report.html agrees with results.csv's trend for that KPI and year. The 推移 sheet
 * once showed the first-to-last trend under the same heading: 25 of 73 Otaru KPIs disagreed with the FY2018 sheet.
 */
public class TrendAgreementTest {

    @TempDir
    Path dir;

    @Test
    void everyTrendCellAgreesWithResultsCsv() throws IOException {
        String run = Cli.run("batch", "--data", "seeds/otaru-h30.csv", "--out", dir.toString(), "--formats",
                "csv,html,xlsx");
        assertTrue(run.startsWith("0\n"), run);
        // results.csv: KPI and year → the trend's label
        Map<String, String> expected = new LinkedHashMap<>();
        String latest = "";
        try (CSVParser csv = CSVParser.parse(dir.resolve("results.csv"), java.nio.charset.StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord r : csv) {
                String year = r.get("fiscal_year");
                expected.put(r.get("kpi_id") + " " + year, label(r.get("trend")));
                latest = year.compareTo(latest) > 0 ? year : latest;
            }
        }
        assertEquals(73 * 4, expected.size());
        assertTrue(expected.values().stream().filter(t -> !t.isEmpty()).count() > 150, "most years have a trend");

        Path xlsx = dir.resolve("report.xlsx");
        int compared = 0;
        for (String sheet : ReportXlsxTest.sheetNames(xlsx)) {
            if (!sheet.startsWith("FY")) {
                continue;
            }
            String year = sheet.substring(0, 6);
            List<List<String>> rows = ReportXlsxTest.rows(xlsx, sheet);
            int id = rows.get(0).indexOf("No.");
            int trend = rows.get(0).indexOf("前回比");
            for (List<String> row : rows.subList(1, rows.size())) {
                String key = row.get(id) + " " + year;
                if (expected.containsKey(key)) {
                    assertEquals(expected.get(key), cell(row, trend), sheet + ", KPI " + row.get(id));
                    compared++;
                }
            }
        }
        assertEquals(73 * 4, compared, "every KPI of every year sheet");

        List<List<String>> trends = ReportXlsxTest.rows(xlsx, "推移");
        int column = trends.get(0).indexOf("前回比 (最新年度)");
        for (List<String> row : trends.subList(1, trends.size())) {
            String shown = cell(row, column);
            assertEquals(expected.get(row.get(1) + " " + latest), shown.isEmpty() ? "" : shown.substring(2),
                    "推移, KPI " + row.get(1));
        }
        assertEquals(74, trends.size(), "the header and 73 KPIs");

        // report.html: the latest year's table, a row per KPI with its 前回比 cell
        String html = Files.readString(dir.resolve("report.html"));
        Matcher row = Pattern.compile("<tr><td>([^<]*)</td>.*?<td class=\"trend\">([^<]*)</td>").matcher(html);
        int rowsInHtml = 0;
        while (row.find()) {
            String shown = row.group(2).replace("—", "");
            String want = expected.get(row.group(1) + " " + latest);
            assertEquals(want, shown.isEmpty() ? "" : shown.substring(1), "report.html, KPI " + row.group(1));
            rowsInHtml++;
        }
        assertEquals(73, rowsInHtml);
    }

    /**
     * 前回比 from the data, whatever years are asked: a run of one year (evaluate, batch --years) or of some years
     * compares each KPI with its previous scored year in the data, as the run over every year does. (A run of FY2018
     * alone once left the trend empty for all 73 KPIs.)
     */
    @Test
    void aRunOfSomeYearsHasTheTrendsOfTheRunOfEveryYear() throws IOException {
        String all = Cli.run("batch", "--quiet", "--data", "seeds/otaru-h30.csv", "--out", dir.resolve("all")
                .toString(), "--formats", "csv");
        assertTrue(all.startsWith("0\n"), all);
        Map<String, String> everyYear = trends(dir.resolve("all/results.csv"));
        for (String years : List.of("FY2015", "FY2016", "FY2017", "FY2018", "FY2015,FY2018", "H28..H29")) {
            Path out = dir.resolve("years-" + years.replace(',', '+').replace("..", "-"));
            String run = Cli.run("batch", "--quiet", "--data", "seeds/otaru-h30.csv", "--years", years, "--out",
                    out.toString(), "--formats", "csv");
            assertTrue(run.startsWith("0\n"), run);
            Map<String, String> some = trends(out.resolve("results.csv"));
            assertEquals(73 * years.split(",|\\.\\.").length, some.size(), years);
            some.forEach((key, trend) -> assertEquals(everyYear.get(key), trend, "--years " + years + ": " + key));
        }
        String evaluate = Cli.run("evaluate", "--quiet", "--data", "seeds/otaru-h30.csv", "--year", "H30", "--out",
                dir.resolve("evaluate").toString());
        assertTrue(evaluate.startsWith("0\n"), evaluate);
        Map<String, String> h30 = trends(dir.resolve("evaluate/results.csv"));
        assertEquals(73, h30.size());
        assertTrue(h30.values().stream().filter(t -> !t.isEmpty()).count() > 60, "FY2018 compared with FY2017");
        h30.forEach((key, trend) -> assertEquals(everyYear.get(key), trend, "evaluate --year H30: " + key));
    }

    /** results.csv: each KPI and year's trend code. */
    public static Map<String, String> trends(Path resultsCsv) throws IOException {
        Map<String, String> trends = new LinkedHashMap<>();
        try (CSVParser csv = CSVParser.parse(resultsCsv, java.nio.charset.StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord r : csv) {
                trends.put(r.get("kpi_id") + " " + r.get("fiscal_year"), r.get("trend"));
            }
        }
        return trends;
    }

    private static String label(String code) {
        return code.isEmpty() ? "" : Arrays.stream(Trend.values()).filter(t -> t.code().equals(code)).findFirst()
                .orElseThrow().label();
    }

    private static String cell(List<String> row, int index) {
        return index < row.size() ? row.get(index) : "";
    }
}
