package jp.kpireview.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.kpireview.domain.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile input gets a located error within the bounds of {@link InputLimits}, never a computation or a heap. */
class InputBoundsTest {

    private static final String HEADER = "kpi_id,project,business_no,business,kpi,unit,direction,baseline_year,"
            + "baseline,target_year,target,FY2018";

    @TempDir
    Path dir;

    @Test
    void aNumberWithAHugeExponentInAWorkbookIsALocatedError() throws IOException {
        Path file = workbook("huge.xlsx", "<c r=\"L2\"><v>1E99999999</v></c>", "");
        DataException e = assertThrows(DataException.class, () -> KpiData.read(file));
        assertEquals(file + ":KPI/2: FY2018: '1E99999999' is too large or too small a number (at most 30 digits,"
                + " written out in plain decimals)", e.getMessage());
    }

    @Test
    void aWorkbookThatExpandsWithoutLimitIsRefusedBeforeItIsParsed() throws IOException {
        Path file = workbook("bomb.xlsx", "<c r=\"L2\"><v>5</v></c>", "<!--" + " ".repeat(80 << 20) + "-->");
        assertTrue(Files.size(file) < 1 << 20, "a small file");
        DataException e = assertThrows(DataException.class, () -> KpiData.read(file));
        assertTrue(e.getMessage().contains("the workbook is refused: it expands to more than 64 MB"), e.getMessage());
    }

    @Test
    void tenThousandBadRowsGiveTheFirstHundredProblemsAndTheCount() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 10_000; i++) {
            csv.append(i).append(",p,1,b,k,件,↗,FY2014,0,FY2019,x,1\n");
        }
        Path file = Files.writeString(dir.resolve("bad.csv"), csv);
        DataException e = assertThrows(DataException.class, () -> KpiData.read(file));
        assertEquals(100, e.problems().size());
        assertEquals(10_000, e.total());
        assertEquals("… and 9,900 more problems (10,000 in all): fix these first", e.more());
    }

    @Test
    void tooManyDigitsAndTooLongCellsAreLocatedErrors() throws IOException {
        Path file = Files.writeString(dir.resolve("long.csv"), HEADER + "\n1,p,1,b," + "k".repeat(3000)
                + ",件,↗,FY2014,0,FY2019,10,1\n2,p,1,b,k,件,↗,FY2014,0,FY2019," + "9".repeat(1000) + ",1\n");
        DataException e = assertThrows(DataException.class, () -> KpiData.read(file));
        assertEquals(List.of(file + ":2: kpi: the cell holds 3,000 characters; at most 2,000",
                file + ":3: target: '9999999999999999999999999999999999999…' has more than 30 digits: too large or"
                        + " too precise a number"), e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void textThatExcelWouldRunAsAFormulaIsNeutralised() {
        assertEquals(List.of("'=HYPERLINK(\"x\")", "'+cmd|' /C calc'!A0", "'@SUM(A1)", "'-sum", "-6.06", "12", "a=b",
                        "'\tx"),
                Csv.safe(List.of("=HYPERLINK(\"x\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "-sum", "-6.06", "12", "a=b",
                        "\tx")));
    }

    /** A one-sheet workbook with the header row and one KPI row whose FY2018 cell is {@code actual}. */
    private Path workbook(String name, String actual, String padding) throws IOException {
        Path file = dir.resolve(name);
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas."
                + "openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">");
        String[] header = HEADER.split(",");
        for (int i = 0; i < header.length; i++) {
            sheet.append(text((char) ('A' + i) + "1", header[i]));
        }
        sheet.append("</row><row r=\"2\">");
        String[] row = "1,p,1,b,k,件,↗,FY2014,0,FY2019,10".split(",");
        for (int i = 0; i < row.length; i++) {
            sheet.append(text((char) ('A' + i) + "2", row[i]));
        }
        sheet.append(actual).append("</row>").append(padding).append("</sheetData></worksheet>");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
                    + "package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd."
                    + "openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/"
                    + "xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\""
                    + " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "</Types>");
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
                    + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                    + "officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            entry(zip, "xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships\"><sheets><sheet name=\"KPI\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            entry(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
                    + "openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "</Relationships>");
            entry(zip, "xl/worksheets/sheet1.xml", sheet.toString());
        }
        return file;
    }

    private static String text(String ref, String value) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + value + "</t></is></c>";
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
