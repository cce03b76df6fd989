package jp.kpireview.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.io.KpiCsv;
import jp.kpireview.io.KpiXlsx;
import jp.kpireview.rules.KpiFixture;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ReportXlsxTest {

    private static final List<Kpi> SEED = KpiCsv.read(Path.of("seeds/otaru-h30.csv"));

    @TempDir
    Path dir;

    @AfterEach
    void restoreTheRowLimit() {
        ReportXlsx.maxRowsPerSheet = 1_048_576;
        SheetSeries.flushRows = 2_000;
    }

    private Path write() {
        Path file = dir.resolve("report.xlsx");
        MunicipalityReview review = new MunicipalityReview("小樽市", "seed", SEED,
                new ReviewEngine(KpiFixture.rules()).evaluate(SEED, List.of(2015, 2016, 2017, 2018)));
        try (ReportXlsx report = new ReportXlsx(file)) {
            report.add(report.render(review));
            report.commit();
        }
        return file;
    }

    public static List<List<String>> rows(Path file, String sheetName) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile())) {
            Sheet sheet = workbook.findSheet(sheetName).orElseThrow();
            try (Stream<Row> rows = sheet.openStream()) {
                return rows.map(r -> r.stream().map(c -> c == null ? "" : KpiXlsx.text(c)).toList()).toList();
            }
        }
    }

    public static List<String> sheetNames(Path file) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile())) {
            return workbook.getSheets().map(Sheet::getName).toList();
        }
    }

    /** The cell under a header in the row whose column {@code keyColumn} holds {@code key}. */
    private static String cell(List<List<String>> rows, String keyColumn, String key, String column) {
        List<String> header = rows.get(0);
        List<String> row = rows.stream().filter(r -> r.size() > header.indexOf(keyColumn)
                && r.get(header.indexOf(keyColumn)).startsWith(key)).findFirst().orElseThrow();
        int index = header.indexOf(column);
        return index < row.size() ? row.get(index) : "";
    }

    @Test
    void oneSheetPerYearLaidOutLikeThePublishedTable() throws IOException {
        Path file = write();
        assertEquals(List.of("FY2015 (H27)", "FY2016 (H28)", "FY2017 (H29)", "FY2018 (H30)", "推移", "集計"),
                sheetNames(file));
        List<List<String>> fy2018 = rows(file, "FY2018 (H30)");
        // published: 17 参加児童生徒数 67人 → 118人, 196.15, 100.00, ↑, 100人, ◎ ☆
        assertEquals("196.15", cell(fy2018, "KPI", "参加児童生徒数", "補正前スコア"));
        assertEquals("100", cell(fy2018, "KPI", "参加児童生徒数", "スコア"));
        assertEquals("118", cell(fy2018, "KPI", "参加児童生徒数", "H30実績値"));
        assertEquals("◎", cell(fy2018, "KPI", "参加児童生徒数", "◎ 100以上"));
        assertEquals("", cell(fy2018, "KPI", "参加児童生徒数", "○ 50~100"));
        assertEquals("☆", cell(fy2018, "KPI", "参加児童生徒数", "☆"));
        assertEquals("上昇", cell(fy2018, "KPI", "参加児童生徒数", "前回比"));
        // published summary of (2): 集計対象 18事業[19KPI] / 全 19事業[21KPI], × 2 ● 6 ○ 3 ◎ 8, ☆ 4
        String summary = "(集計対象 18事業[19KPI] / 全 19事業[21KPI])";
        assertEquals(List.of("2", "6", "3", "8", "4"), List.of(cell(fy2018, "KPI", summary, "× 基準未満"),
                cell(fy2018, "KPI", summary, "● 0~50"), cell(fy2018, "KPI", summary, "○ 50~100"),
                cell(fy2018, "KPI", summary, "◎ 100以上"), cell(fy2018, "KPI", summary, "☆")));
        assertEquals(1 + SEED.size() + 4, fy2018.size(), "header, 73 KPIs, 4 project summaries");
    }

    @Test
    void theTrendSheetHasEveryYearOfAKpi() throws IOException {
        List<List<String>> trends = rows(write(), "推移");
        // 17: FY2015 0.00 ●, FY2016 −6.06 × (behind the baseline), FY2017 35.00 ●, FY2018 100.00 ◎
        assertEquals(List.of("0", "●", "-6.06", "×", "35", "●", "100", "◎", "↑ 上昇"),
                trends.stream().filter(r -> r.get(1).equals("17")).findFirst().orElseThrow().subList(4, 13));
        List<List<String>> summaries = rows(write(), "集計");
        assertTrue(summaries.stream().anyMatch(r -> r.subList(0, 13).equals(List.of("小樽市", "(4) あんしん絆再生プロジェクト",
                "FY2018", "13", "14", "14", "15", "-14.33", "7", "3", "3", "1", "0")) && r.get(13).startsWith("rules@")));
    }

    @Test
    void aYearLongerThanTheRowLimitGoesOnInASecondSheet() throws IOException {
        ReportXlsx.maxRowsPerSheet = 50;
        Path file = write();
        assertTrue(sheetNames(file).containsAll(List.of("FY2018 (H30)", "FY2018 (H30) 2", "推移", "推移 2")));
        assertEquals(50, rows(file, "FY2018 (H30)").size());
        assertEquals(1 + 77 - 49, rows(file, "FY2018 (H30) 2").size(), "the header again, then the rest");
    }

    /** Per row of a sheet, the number format of each cell ("" for none or an empty cell). */
    private static List<List<String>> formats(Path file, String sheetName) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false))) {
            Sheet sheet = workbook.findSheet(sheetName).orElseThrow();
            try (Stream<Row> rows = sheet.openStream()) {
                return rows.map(r -> r.stream().map(c -> c == null || c.getDataFormatString() == null ? ""
                        : c.getDataFormatString()).toList()).toList();
            }
        }
    }

    @Test
    void scoresShowTwoDecimalsAndOtherNumbersAsWritten() throws IOException {
        // the formats are set on runs of rows when rows are written out: every 7 rows here, and a second sheet
        SheetSeries.flushRows = 7;
        ReportXlsx.maxRowsPerSheet = 40;
        Path file = write();
        for (String name : List.of("FY2018 (H30)", "FY2018 (H30) 2", "推移")) {
            List<List<String>> values = rows(file, name);
            List<List<String>> formats = formats(file, name);
            List<String> header = values.get(0);
            int checked = 0;
            for (int r = 1; r < values.size(); r++) {
                for (int c = 0; c < header.size(); c++) {
                    String value = c < values.get(r).size() ? values.get(r).get(c) : "";
                    String format = c < formats.get(r).size() ? formats.get(r).get(c) : "";
                    boolean score = header.get(c).endsWith("スコア");
                    if (score && !value.isEmpty()) {
                        assertEquals("0.00", format, name + " row " + r + " " + header.get(c));
                        checked++;
                    } else if (!score) {
                        assertEquals("", format, name + " row " + r + " " + header.get(c) + " " + value);
                    }
                }
            }
            assertTrue(checked > 20, name + ": " + checked + " score cells");
        }
    }

    @Test
    void withoutACommitNothingIsLeft() throws IOException {
        MunicipalityReview review = new MunicipalityReview("小樽市", "seed", SEED,
                new ReviewEngine(KpiFixture.rules()).evaluate(SEED, List.of(2018)));
        try (ReportXlsx report = new ReportXlsx(dir.resolve("report.xlsx"))) {
            report.add(report.render(review));
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
