package jp.kpireview.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * One sheet of report.xlsx written row by row ({@link XlsxSheets} says what each sheet holds): the header row, the
 * cells of each row as text or numbers, printed as city staff print the review table, going on in {@code name 2},
 * {@code name 3} … with the header again when Excel's row limit is reached, and written out every
 * {@link #flushRows} rows so a nationwide sheet never sits in memory.
 */
final class SheetSeries {

    /** The header row's height in points: three lines of a wrapped heading. */
    private static final double HEADER_HEIGHT = 45;
    /** Rows kept before they are written out. Lowered by the tests. */
    static int flushRows = 2_000;

    private final Workbook workbook;
    private final String name;
    private final List<String> header;
    private final Map<Integer, Integer> widths;
    /** The number formats of the sheet being written, set on runs of cells at each flush. */
    private final ColumnFormats formats = new ColumnFormats();
    private Worksheet sheet;
    private int sheets;
    private int row;

    /** @param widths column → width in characters, for the columns that need more than the default */
    SheetSeries(Workbook workbook, String name, List<String> header, Map<Integer, Integer> widths) {
        this.workbook = workbook;
        this.name = name;
        this.header = header;
        this.widths = widths;
    }

    /** Starts a row: on a new sheet after Excel's row limit; {@link #row()} is its index. */
    void startRow() throws IOException {
        if (sheet == null || row >= ReportXlsx.maxRowsPerSheet) {
            if (sheet != null) {
                formats.set(sheet);
                sheet.finish();
            }
            sheets++;
            sheet = workbook.newWorksheet(sheets == 1 ? name : name + " " + sheets);
            headerRow();
            widths.forEach(sheet::width);
            printSetup();
            row = 1;
        }
    }

    int row() {
        return row;
    }

    /** The row is written: move on, and now and then write finished rows out. */
    void advance() throws IOException {
        row++;
        if (row % flushRows == 0) {
            formats.set(sheet);
            sheet.flush();
        }
    }

    /** The last sheet is written: its header alone when no row came. */
    void finish() throws IOException {
        if (sheet == null) {
            startRow();
        }
        formats.set(sheet);
        sheet.finish();
    }

    /** A text cell of the current row; an empty value leaves the cell empty. */
    void text(int column, String value) {
        if (!value.isEmpty()) {
            sheet.value(row, column, value);
        }
    }

    /** A number cell of the current row, shown with {@code format} (null: as written); empty leaves it empty. */
    void number(int column, String value, String format) {
        if (value.isEmpty()) {
            return;
        }
        sheet.value(row, column, new BigDecimal(value));
        if (format != null) {
            formats.add(sheet, row, column, format);
        }
    }

    /** The current row's first {@code columns} cells bold on {@code fill} (RGB hex): a summary row. */
    void bold(int columns, String fill) {
        sheet.range(row, 0, row, columns - 1).style().bold().fillColor(fill).set();
    }

    /**
     * Printed as city staff print the review table: A4 landscape, every column on one page's width (as many pages
     * tall as the rows need), the header row again at the top of every page.
     */
    private void printSetup() {
        sheet.paperSize(org.dhatim.fastexcel.PaperSize.A4_PAPER);
        sheet.pageOrientation("landscape");
        sheet.setFitToPage(true);
        sheet.fitToWidth((short) 1);
        sheet.fitToHeight((short) 0);
        sheet.repeatRows(0);
    }

    private void headerRow() {
        for (int c = 0; c < header.size(); c++) {
            sheet.value(0, c, header.get(c));
        }
        sheet.range(0, 0, 0, header.size() - 1).style().bold().fillColor("DDE7F0").wrapText(true).set();
        // tall enough for a heading wrapped to three lines: without a height LibreOffice kept the row one line high
        // and printed 補正前スコア as ア
        sheet.rowHeight(0, HEADER_HEIGHT);
        sheet.freezePane(0, 1);
    }

    /**
     * Number formats (e.g. a score's 0.00) set on runs of cells down a column rather than cell by cell: for each call
     * fastexcel builds and looks up a merged style, which set per score cell was an eighth of a nationwide workbook's
     * writing. Cells arrive row by row; a column's run grows while its rows follow on with the same format.
     */
    private static final class ColumnFormats {
        /** Per column its open run: the format and the first and last row. */
        private final Map<Integer, Run> runs = new TreeMap<>();

        private static final class Run {
            final String format;
            final int first;
            int last;

            Run(String format, int row) {
                this.format = format;
                this.first = row;
                this.last = row;
            }
        }

        void add(Worksheet sheet, int row, int column, String format) {
            Run run = runs.get(column);
            if (run != null && run.last == row - 1 && run.format.equals(format)) {
                run.last = row;
                return;
            }
            if (run != null) {
                set(sheet, column, run);
            }
            runs.put(column, new Run(format, row));
        }

        /** Sets the formats of every open run: before the sheet's rows are written out. */
        void set(Worksheet sheet) {
            runs.forEach((column, run) -> set(sheet, column, run));
            runs.clear();
        }

        private static void set(Worksheet sheet, int column, Run run) {
            sheet.range(run.first, column, run.last, column).style().format(run.format).set();
        }
    }
}
