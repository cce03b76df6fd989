package jp.kpireview.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.kpireview.io.Csv;
import jp.kpireview.io.KpiXlsx;
import jp.kpireview.rulebase.TableNumber;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A policy table as the page hands it out and takes it back: the folder's own file (CSV UTF-8, or a workbook), or the
 * same cells in the other format, so an officer edits it in Excel either way. A table the folder keeps as CSV stays
 * CSV when a workbook comes back (its cells as text, read as the rules read a workbook), so the history shows which
 * row changed.
 */
final class TableFiles {

    /** The rows a table may have, as the rules read it ({@code RuleTable}). */
    private static final int MAX_ROWS = 2_000;
    /** Read as the rules read a table: a blank line is a row (an error inside the table), never skipped. */
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();

    private TableFiles() {
    }

    /**
     * True for a file of a version the page offers as a table: a policy's table (区分表.csv, FY2020 第2期/許容幅.csv) or
     * its scenarios (tests/scoring.csv), which pin what the tables decide; the rules themselves (DRL, templates) stay
     * file changes.
     */
    static boolean isTable(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        String[] parts = path.split("/");
        boolean scenario = parts.length >= 2 && parts[parts.length - 2].equals("tests");
        return (name.endsWith(".csv") || name.endsWith(".xlsx")) && parts.length <= (scenario ? 3 : 2);
    }

    static boolean isWorkbook(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".xlsx");
    }

    /** The table's cells from its file's bytes. */
    static List<List<String>> cells(String path, byte[] bytes, Path scratch) {
        if (isWorkbook(path)) {
            try {
                java.nio.file.Files.write(scratch, bytes);
                return KpiXlsx.cells(scratch, MAX_ROWS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        text = text.startsWith(Csv.BOM) ? text.substring(1) : text;
        List<List<String>> cells = new ArrayList<>();
        try (CSVParser parser = READ.parse(new StringReader(text))) {
            parser.forEach(r -> cells.add(r.toList()));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(path + ": CSV として読めません: 引用符 (\") の対応を確かめてください");
        }
        return cells;
    }

    /** The cells as CSV UTF-8 with the byte order mark Excel looks for. */
    static byte[] csv(List<List<String>> cells) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            out.write(Csv.BOM);
            CSVPrinter printer = Csv.rows(out);
            for (List<String> row : cells) {
                printer.printRecord(row);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The cells as a workbook of one sheet named after the table, numbers as numbers. */
    static byte[] workbook(String sheet, List<List<String>> cells) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Workbook book = new Workbook(bytes, "kpi-review", "1.0")) {
            Worksheet ws = book.newWorksheet(sheet.replaceAll("[\\[\\]:*?/\\\\]", "_"));
            for (int r = 0; r < cells.size(); r++) {
                List<String> row = cells.get(r);
                for (int c = 0; c < row.size(); c++) {
                    String v = row.get(c);
                    // a cell the rules take as a number is a number in the workbook, so Excel treats it as one
                    if (r > 0 && TableNumber.isPlain(v)) {
                        ws.value(r, c, new java.math.BigDecimal(v));
                    } else if (!v.isEmpty()) {
                        ws.value(r, c, v);
                    }
                }
                if (r == 0) {
                    ws.range(0, 0, 0, Math.max(0, row.size() - 1)).style().bold().set();
                }
            }
            ws.freezePane(0, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The bytes of an uploaded table as the folder keeps {@code path}: as sent when the formats agree, a workbook's
     * cells as CSV for a CSV table; CSV for a workbook table is refused (a workbook may hold more than its cells).
     */
    static byte[] asKept(String path, byte[] upload, boolean uploadIsWorkbook, Path scratch) {
        if (uploadIsWorkbook == isWorkbook(path)) {
            return upload;
        }
        if (uploadIsWorkbook) {
            return csv(cells("upload.xlsx", upload, scratch));
        }
        throw new IllegalArgumentException(path + " は Excel のブック (.xlsx) で保存されている表です: .xlsx で送ってください");
    }

    /** The sheet name of a table: its file name without folder and extension. */
    static String nameOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
