package jp.kpireview.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Workbooks for the tests and the load test: hand-made ones with odd cells and zip bombs fastexcel would not write,
 * and sheets of given rows as an officer's Excel keeps them.
 */
public final class TestWorkbooks {

    /** The columns of the one KPI row. */
    public static final String HEADER = "kpi_id,project,business_no,business,kpi,unit,direction,baseline_year,"
            + "baseline,target_year,target,FY2018";

    private TestWorkbooks() {
    }

    /**
     * A one-sheet workbook with the header row and one KPI row whose FY2018 cell is the XML {@code actual}, then
     * {@code padding} (e.g. a huge comment that compresses to almost nothing).
     */
    public static Path kpiSheet(Path file, String actual, String padding) throws IOException {
        return kpiSheet(file, actual, padding, null);
    }

    /**
     * The same workbook with a shared-strings part holding one string of {@code sharedChars} characters (as Excel
     * keeps text), which the KPI row's FY2018 cell refers to; {@code actual} is then ignored.
     */
    public static Path withSharedString(Path file, int sharedChars) throws IOException {
        return kpiSheet(file, "<c r=\"L2\" t=\"s\"><v>0</v></c>", "", "a".repeat(sharedChars));
    }

    private static Path kpiSheet(Path file, String actual, String padding, String shared) throws IOException {
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
                    + (shared == null ? "" : "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
                            + "officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>")
                    + "</Relationships>");
            entry(zip, "xl/worksheets/sheet1.xml", sheet.toString());
            if (shared != null) {
                entry(zip, "xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats."
                        + "org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>" + shared
                        + "</t></si></sst>");
            }
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

    /** {@code lines} (CSV) as the first sheet of a workbook, numbers as number cells. */
    public static Path workbook(Path file, List<String> lines) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser csv = CSVParser.parse(String.join("\n", lines), CSVFormat.DEFAULT)) {
            for (CSVRecord r : csv) {
                rows.add(r.toList());
            }
        }
        return workbookOf(file, rows);
    }

    /** {@code rows} as the first sheet of a workbook, numbers as number cells. */
    public static Path workbookOf(Path file, List<List<String>> rows) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook book = new Workbook(out, "test", "1.0");
            Worksheet sheet = book.newWorksheet("KPI");
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    String cell = rows.get(r).get(c);
                    // a number as Excel keeps it (no trailing zeros: 93.500 stays text, as a town types it)
                    if (r > 0 && cell.matches("-?\\d+(\\.\\d+)?")
                            && cell.equals(new BigDecimal(cell).stripTrailingZeros().toPlainString())) {
                        sheet.value(r, c, new BigDecimal(cell));
                    } else if (!cell.isEmpty()) {
                        sheet.value(r, c, cell);
                    }
                }
            }
            book.finish();
        }
        return file;
    }
}
