package jp.kpireview.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Kpi;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KpiXlsxTest {

    private static final Path SEED = Path.of("seeds/otaru-h30.csv");

    @TempDir
    Path dir;

    /** The rows as Excel holds them: numbers as number cells, the rest as text. */
    private Path workbook(List<List<String>> rows) throws IOException {
        Path file = dir.resolve("kpis.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "test", "1.0");
            Worksheet sheet = workbook.newWorksheet("Sheet1");
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    String cell = rows.get(r).get(c);
                    if (r > 0 && cell.matches("-?\\d+(\\.\\d+)?")) {
                        sheet.value(r, c, Double.parseDouble(cell));
                    } else if (!cell.isEmpty()) {
                        sheet.value(r, c, cell);
                    }
                }
            }
            workbook.finish();
        }
        return file;
    }

    private static List<List<String>> seedRows() throws IOException {
        try (CSVParser csv = CSVFormat.DEFAULT.parse(Files.newBufferedReader(SEED))) {
            return csv.stream().map(CSVRecord::toList).toList();
        }
    }

    /** Everything but the source line, numbers compared by value. */
    private static String values(Kpi k) {
        return String.join("|", k.municipality(), k.id(), k.project(), k.businessNo(), k.business(), k.name(),
                k.unit(), k.directionText(), "" + k.baselineYear(), plain(k.baseline()), "" + k.targetYear(),
                plain(k.finalTarget()), k.actuals().entrySet().stream().map(e -> e.getKey() + "=" + plain(e.getValue()))
                        .toList().toString(), k.annualTargets().entrySet().stream().map(e -> e.getKey() + "="
                        + plain(e.getValue())).toList().toString(), k.note());
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** A workbook is read with its file closed after, even one without styles or one that cannot be read. */
    @Test
    void noWorkbookIsLeftOpen(@TempDir Path dir) throws IOException {
        Path plain = TestWorkbooks.kpiSheet(dir.resolve("plain.xlsx"), "<c r=\"L2\"><v>1</v></c>", "");
        Path broken = TestWorkbooks.kpiSheet(dir.resolve("broken.xlsx"), "<c r=\"L2\"><v>1</c>", "");
        KpiXlsx.read(plain);
        assertThrows(DataException.class, () -> KpiXlsx.read(broken));
        for (Path file : List.of(plain, broken)) {
            long open;
            try (var fds = Files.list(Path.of("/proc/self/fd"))) {
                open = fds.filter(fd -> {
                    try {
                        return Files.readSymbolicLink(fd).equals(file);
                    } catch (IOException | UnsupportedOperationException gone) {
                        return false;
                    }
                }).count();
            }
            assertEquals(0, open, file + " is still open");
        }
    }

    @Test
    void aHugeTextInACellIsRefusedBeforeTheReaderHoldsIt(@TempDir Path dir) throws IOException {
        // one inline string of 5 million characters: far under the 64 MB a workbook may expand to, it compresses to
        // a few KB; the reader would hold it whole (the service's heap died of one of 63.9 million)
        String huge = "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>" + "あ".repeat(5_000_000) + "</t></is></c></row>";
        Path workbook = TestWorkbooks.kpiSheet(dir.resolve("huge.xlsx"), "", huge);
        assertTrue(Files.size(workbook) < 1 << 20, "a small file: " + Files.size(workbook));
        DataException e = assertThrows(DataException.class, () -> KpiXlsx.read(workbook));
        assertTrue(e.getMessage().contains("huge.xlsx") && e.getMessage().contains("2000 文字を超える文字があります")
                && e.getMessage().contains("64 KB を超える文字"),
                e.getMessage());
    }

    @Test
    void aDamagedSheetIsALocatedErrorThatNamesNoLibraryClass(@TempDir Path dir) throws IOException {
        Path broken = TestWorkbooks.kpiSheet(dir.resolve("broken.xlsx"), "<c r=\"L2\"><v>1</c>", "");
        DataException e = assertThrows(DataException.class, () -> KpiXlsx.read(broken));
        assertTrue(e.getMessage().contains("broken.xlsx") && e.getMessage().contains("ブックを読めません")
                && !e.getMessage().contains("Exception") && !e.getMessage().contains("com."), e.getMessage());
    }

    @Test
    void theSeedAsAWorkbookReadsAsTheCsvDoes() throws IOException {
        Path file = workbook(seedRows());
        List<Kpi> fromExcel = KpiXlsx.read(file);
        List<Kpi> fromCsv = KpiCsv.read(SEED);
        assertEquals(fromCsv.stream().map(KpiXlsxTest::values).toList(),
                fromExcel.stream().map(KpiXlsxTest::values).toList());
        assertEquals(file + ":Sheet1/18", fromExcel.get(16).source().toString());
        assertEquals(fromExcel, KpiData.read(file), "a batch reads .xlsx files the same way");
    }

    @Test
    void aBadCellIsLocatedBySheetAndRow() throws IOException {
        List<List<String>> rows = new ArrayList<>(seedRows().subList(0, 4));
        List<String> third = new ArrayList<>(rows.get(2));
        third.set(9, "abc");
        rows.set(2, third);
        Path file = workbook(rows);
        DataException e = assertThrows(DataException.class, () -> KpiXlsx.read(file));
        assertEquals(file + ":Sheet1/3: baseline: 'abc' は数ではありません: 1199 や 75.9 のように数だけを書きます (区切り・単位・空白なし) (not a number)", e.getMessage());
    }

    /** In a workbook too, a value in a column without a heading is an error at its cell, not left out. */
    @Test
    void aValueUnderNoHeadingIsLocatedBySheetRowAndColumn() throws IOException {
        List<List<String>> rows = new ArrayList<>(seedRows().subList(0, 3));
        List<String> header = new ArrayList<>(rows.get(0));
        header.addAll(List.of("", "担当課"));
        List<String> first = new ArrayList<>(rows.get(1));
        first.addAll(List.of("", "建設課"));
        List<String> second = new ArrayList<>(rows.get(2));
        second.addAll(List.of("42", "建設課"));
        Path file = workbook(List.of(header, first, second));
        DataException e = assertThrows(DataException.class, () -> KpiXlsx.read(file));
        assertEquals(file + ":Sheet1/3: " + DataColumns.letter(header.size() - 2) + "列: 見出しのない列に値 '42' が"
                + "あります。見出しを書くか、値を消してください (a value under no heading)", e.getMessage());
        second.set(second.size() - 2, "");
        assertEquals("建設課", KpiXlsx.read(workbook(List.of(header, first, second))).get(1).attributes().get("担当課"));
    }

    /**
     * Only the first sheet is read, so a workbook with a KPI table on another sheet too (last year's copy) is refused,
     * naming the sheets, rather than one table read and the other left out; a sheet of notes beside it stays.
     */
    @Test
    void aKpiTableOnAnotherSheetIsRefusedAndANotesSheetIsNot() throws IOException {
        Path file = sheets("two.xlsx", "H30", "メモ", "H29");
        DataException e = assertThrows(DataException.class, () -> KpiXlsx.read(file));
        assertEquals(file + ":H30/1: sheet: KPI の表がほかのシートにもあります (「H29」): 読むのは最初のシート「H30」だけです。"
                + "評価する表を最初のシートに置き、ほかの表は別のブックに移してください (only the first sheet is read)",
                e.getMessage());
        assertEquals(3, KpiXlsx.read(sheets("notes.xlsx", "H30", "メモ")).size(), "a table beside notes is read");
    }

    /** A workbook of the named sheets: each the seed's first three KPIs, but メモ, a sheet of notes. */
    private Path sheets(String name, String... sheets) throws IOException {
        List<List<String>> rows = seedRows().subList(0, 4);
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "test", "1.0");
            for (String sheetName : sheets) {
                Worksheet sheet = workbook.newWorksheet(sheetName);
                List<List<String>> content = sheetName.equals("メモ") ? List.of(List.of("更新", "企画政策課"),
                        List.of("基準値", "H26")) : rows;
                for (int r = 0; r < content.size(); r++) {
                    for (int c = 0; c < content.get(r).size(); c++) {
                        sheet.value(r, c, content.get(r).get(c));
                    }
                }
            }
            workbook.finish();
        }
        return file;
    }

    @Test
    void floatNoiseOfExcelIsRemoved() throws IOException {
        List<List<String>> rows = new ArrayList<>(seedRows().subList(0, 2));
        List<String> first = new ArrayList<>(rows.get(1));
        first.set(12, String.valueOf(0.1 + 0.2));
        rows.set(1, first);
        Kpi kpi = KpiXlsx.read(workbook(rows)).get(0);
        assertEquals("0.3", kpi.actuals().get(2015).toPlainString());
    }

    @Test
    void aRenamedCsvIsNotAWorkbook() throws IOException {
        Path file = dir.resolve("kpis.xlsx");
        Files.copy(SEED, file);
        DataException e = assertThrows(DataException.class, () -> KpiXlsx.read(file));
        assertTrue(e.getMessage().startsWith(file + ":1: file: Excel の .xlsx のブックではありません"), e.getMessage());
    }

    @Test
    void aPercentCellReadsAsExcelShowsItAndATitleRowAboveTheHeaderIsPassedOver() throws IOException {
        Path file = dir.resolve("percent.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "test", "1.0");
            Worksheet sheet = workbook.newWorksheet("KPI");
            sheet.value(0, 0, "令和元年度 KPI 実績 (小樽市)");
            List<String> header = List.of("kpi_id", "project", "business_no", "business", "kpi", "unit", "direction",
                    "baseline_year", "baseline", "target_year", "target", "FY2018");
            for (int c = 0; c < header.size(); c++) {
                sheet.value(2, c, header.get(c));
            }
            List<Object> row = List.of("1", "(1) p", "1", "b", "受診率", "%", "↗", "FY2014", 0.5, "FY2019", 0.8, 0.759);
            for (int c = 0; c < row.size(); c++) {
                if (row.get(c) instanceof Double d) {
                    sheet.value(3, c, d);
                    sheet.style(3, c).format("0.0%").set();
                } else {
                    sheet.value(3, c, (String) row.get(c));
                }
            }
            workbook.finish();
        }
        Kpi kpi = KpiXlsx.read(file).get(0);
        assertEquals(0, new BigDecimal("75.9").compareTo(kpi.actual(2018).orElseThrow()), "0.759 shown as 75.9 %");
        assertEquals(0, new BigDecimal("50").compareTo(kpi.baseline()));
        assertEquals(file + ":KPI/4", kpi.source().toString(), "located by its own row");
    }

    @Test
    void aSheetWithoutAHeaderRowSaysWhatItLookedFor() throws IOException {
        Path file = workbook(List.of(List.of("title"), List.of("1", "2", "3")));
        DataException e = assertThrows(DataException.class, () -> KpiXlsx.read(file));
        assertTrue(e.getMessage().contains("見出しの行がありません: 列の見出し (KPI番号 か kpi_id、事業名、…、基準値、"
                + "目標値、FY2015 か H27実績値 …) は、最初のシートの 11 行目までに書きます"), e.getMessage());
    }
}
