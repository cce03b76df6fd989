package jp.kpireview.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Terms;
import jp.kpireview.io.KpiTable;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The sheets of report.xlsx, written one after another from the rows {@link ReportXlsx} spilled: a sheet per fiscal
 * year, 推移, 集計 and, when a plan was asked for, 計画. Each sheet is read back from its spill file (parsed on a
 * second thread, {@link SpillRecords}) and written row by row, so a nationwide workbook never sits in memory.
 */
final class XlsxSheets {

    private static final String TRENDS = "推移";
    private static final String SUMMARIES = "集計";
    private static final String SCORE_FORMAT = "0.00";
    /** The header row's height in points: three lines of a wrapped heading. */
    private static final double HEADER_HEIGHT = 45;
    /** A year a row has no cells for: empty cells. */
    private static final List<String> NONE = List.of("", "");
    /** Rows kept before they are written out. Lowered by the tests. */
    static int flushRows = 2_000;

    private final Path spillFolder;
    private final TreeSet<Integer> years;
    private final List<Band> bands;
    private final Map<Integer, List<Band>> yearBands;
    private final Map<Integer, Terms> yearTerms;
    private final TreeSet<Integer> actualYears;
    /** The years some KPI has an annual target (年度目標値) for: their sheets show it after the final target. */
    private final TreeSet<Integer> annualTargetYears;
    private final List<String> grades;
    /** The planned year, or null when no plan was asked for; then its goals are empty. */
    private final Integer planYear;
    private final List<Band> planGoals;
    private final String planFlag;
    /** The number formats of the sheet being written, set on runs of cells at each flush. */
    private final ColumnFormats formats = new ColumnFormats();

    XlsxSheets(Path spillFolder, SortedSet<Integer> years, List<Band> bands, Map<Integer, List<Band>> yearBands,
            Map<Integer, Terms> yearTerms, SortedSet<Integer> actualYears, SortedSet<Integer> annualTargetYears,
            List<String> grades, Integer planYear, List<Band> planGoals, String planFlag) {
        this.spillFolder = spillFolder;
        this.years = new TreeSet<>(years);
        this.bands = bands;
        this.yearBands = new TreeMap<>(yearBands);
        this.yearTerms = new TreeMap<>(yearTerms);
        this.planFlag = planFlag;
        this.actualYears = new TreeSet<>(actualYears);
        this.annualTargetYears = new TreeSet<>(annualTargetYears);
        this.grades = grades;
        this.planYear = planYear;
        this.planGoals = planGoals;
    }

    void write(Workbook workbook) throws IOException {
        for (int year : years) {
            writeYear(workbook, year);
        }
        writeTrends(workbook);
        writeSummaries(workbook);
        if (planYear != null) {
            writePlan(workbook);
        }
    }

    /**
     * A sheet that goes on in {@code name 2}, {@code name 3} … when Excel's row limit is reached, each with the
     * header again.
     */
    private final class Series {
        private final Workbook workbook;
        private final String name;
        private final List<String> header;
        private final Map<Integer, Integer> widths;
        private Worksheet sheet;
        private int sheets;
        private int row;

        Series(Workbook workbook, String name, List<String> header, Map<Integer, Integer> widths) {
            this.workbook = workbook;
            this.name = name;
            this.header = header;
            this.widths = widths;
        }

        /** The sheet to write the next row on, and {@link #row()} its index. */
        Worksheet sheet() throws IOException {
            if (sheet == null || row >= ReportXlsx.maxRowsPerSheet) {
                if (sheet != null) {
                    formats.set(sheet);
                    sheet.finish();
                }
                sheets++;
                sheet = workbook.newWorksheet(sheets == 1 ? name : name + " " + sheets);
                headerRow(sheet, header);
                widths.forEach(sheet::width);
                printSetup(sheet);
                row = 1;
            }
            return sheet;
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

        void finish() throws IOException {
            formats.set(sheet());
            sheet.finish();
        }
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

    /** One fiscal year: per project its KPI rows and its summary row. */
    private void writeYear(Workbook workbook, int year) throws IOException {
        List<Band> bands = yearBands.getOrDefault(year, this.bands);
        TreeSet<Integer> upTo = new TreeSet<>(years.headSet(year, true));
        upTo.addAll(this.actualYears.headSet(year, true));
        List<Integer> actualYears = List.copyOf(upTo);
        Terms terms = yearTerms.get(year);
        List<String> header = new ArrayList<>(List.of("自治体", "プロジェクト", "No.", "事業名", "KPI"));
        header.addAll(terms.columns());
        header.addAll(List.of("単位", "基準年度", "基準値"));
        actualYears.forEach(y -> header.add(FiscalYear.japaneseLabel(y) + "実績値"));
        if (terms.hasRawScore()) {
            header.add(terms.rawScore());
        }
        if (terms.hasScore()) {
            header.add(terms.score());
        }
        header.addAll(List.of("方向", "目標年度", "目標値"));
        boolean annualTarget = annualTargetYears.contains(year);
        if (annualTarget) {
            // headed as the data format reads it back: the sheet, cut out alone, is data that scores the same
            header.add(FiscalYear.japaneseLabel(year) + terms.annualTargetWord());
        }
        bands.forEach(b -> header.add(b.mark() + " " + b.label()));
        if (terms.hasFlag()) {
            header.add(terms.flag());
        }
        header.addAll(List.of("前回比", "ポリシー"));
        Series series = new Series(workbook, FiscalYear.label(year) + " (" + FiscalYear.japaneseLabel(year) + ")",
                header, Map.of(1, 26, 3, 28, 4, 32));
        try (SpillRecords records = SpillRecords.read(spillFolder.resolve("FY" + year))) {
            for (SpillRows.Row r : records) {
                Worksheet sheet = series.sheet();
                if (r.get(0).equals(ReportXlsx.KPI_ROW)) {
                    kpiRow(sheet, series.row(), r, actualYears, annualTarget, bands, terms);
                } else {
                    summaryRow(sheet, series.row(), r, header.size() - 1, bands, terms,
                            terms.hasScore() ? header.indexOf(terms.score()) : -1);
                }
                series.advance();
            }
        }
        series.finish();
    }

    private void kpiRow(Worksheet sheet, int row, SpillRows.Row r, List<Integer> actualYears, boolean annualTarget,
            List<Band> bands, Terms terms) {
        int c = 0;
        for (int i = 1; i <= 5; i++) {
            text(sheet, row, c++, r.get(i));
        }
        // the columns of the town's own the policy shows, beside the KPI
        int shown = terms.columns().size();
        for (int i = 0; i < shown; i++) {
            text(sheet, row, c++, r.get(ReportXlsx.KPI_ROW_YEARS + i));
        }
        text(sheet, row, c++, r.get(6));
        text(sheet, row, c++, r.get(7));
        number(sheet, row, c++, r.get(8), null);
        Map<Integer, List<String>> actuals = byYear(r, ReportXlsx.KPI_ROW_YEARS + shown, 1);
        for (int y : actualYears) {
            number(sheet, row, c++, actuals.getOrDefault(y, NONE).get(0), null);
        }
        if (terms.hasRawScore()) {
            number(sheet, row, c++, r.get(9), SCORE_FORMAT);
        }
        if (terms.hasScore()) {
            number(sheet, row, c++, r.get(10), SCORE_FORMAT);
        }
        text(sheet, row, c++, r.get(11));
        text(sheet, row, c++, r.get(12));
        number(sheet, row, c++, r.get(13), null);
        if (annualTarget) {
            number(sheet, row, c++, r.get(ReportXlsx.KPI_ROW_ANNUAL_TARGET), null);
        }
        for (Band b : bands) {
            text(sheet, row, c++, b.mark().equals(r.get(14)) ? b.mark() : "");
        }
        if (terms.hasFlag()) {
            text(sheet, row, c++, r.get(15));
        }
        text(sheet, row, c++, r.get(16));
        text(sheet, row, c, r.get(17));
    }

    /**
     * The summary line under the KPI column, the average (a number) under the score column when the policy has
     * both, the counts under the bands and the flag's count under the flag.
     */
    private void summaryRow(Worksheet sheet, int row, SpillRows.Row r, int columns, List<Band> bands, Terms terms,
            int score) {
        text(sheet, row, 0, r.get(1));
        text(sheet, row, 1, r.get(2));
        // under No.: the mark by which the data format tells a report's summary row from a KPI's
        text(sheet, row, 2, KpiTable.SUMMARY_ROW);
        text(sheet, row, 4, r.get(3));
        if (score >= 0) {
            number(sheet, row, score, r.get(4), SCORE_FORMAT);
        }
        int c = columns - bands.size() - (terms.hasFlag() ? 2 : 1);
        for (int i = 0; i < bands.size() + (terms.hasFlag() ? 1 : 0); i++) {
            number(sheet, row, c + i, r.get(5 + i), null);
        }
        sheet.range(row, 0, row, columns - 1).style().bold().fillColor("EEF3F8").set();
    }

    private void writeTrends(Workbook workbook) throws IOException {
        List<String> header = new ArrayList<>(List.of("自治体", "No.", "プロジェクト", "KPI"));
        // each year's score under its policy's name; a year whose policy has no score shows its band alone
        years.forEach(y -> {
            if (yearTerms.get(y).hasScore()) {
                header.add(FiscalYear.japaneseLabel(y) + " " + yearTerms.get(y).score());
            }
            header.add(FiscalYear.japaneseLabel(y) + " 区分");
        });
        header.add("前回比 (最新年度)");
        Series series = new Series(workbook, TRENDS, header, Map.of(2, 26, 3, 32));
        try (SpillRecords records = SpillRecords.read(spillFolder.resolve("trends"))) {
            for (SpillRows.Row r : records) {
                Worksheet sheet = series.sheet();
                int row = series.row();
                for (int i = 0; i < 4; i++) {
                    text(sheet, row, i, r.get(i));
                }
                Map<Integer, List<String>> byYear = byYear(r, ReportXlsx.TREND_ROW_YEARS, 2);
                int c = 4;
                for (int y : years) {
                    List<String> scoreAndBand = byYear.getOrDefault(y, NONE);
                    if (yearTerms.get(y).hasScore()) {
                        number(sheet, row, c++, scoreAndBand.get(0), SCORE_FORMAT);
                    }
                    text(sheet, row, c++, scoreAndBand.get(1));
                }
                text(sheet, row, c, r.get(4));
                series.advance();
            }
        }
        series.finish();
    }

    /**
     * 集計: summary.csv's rows, with the summary measure and the flag under the policies' names, and without those
     * columns when no policy of the run has them.
     */
    private void writeSummaries(Workbook workbook) throws IOException {
        List<Terms> terms = List.copyOf(yearTerms.values());
        String average = Terms.newest(terms, Terms::average);
        String flag = Terms.newest(terms, Terms::flag);
        String counted = Terms.newest(terms, t -> t.word("集計対象"));
        String all = Terms.newest(terms, t -> t.word("全"));
        List<String> header = new ArrayList<>(List.of("自治体", "プロジェクト", "年度", counted + "事業数", all + "事業数",
                counted + "KPI数", all + "KPI数"));
        // the summary.csv cell each column takes
        List<Integer> cells = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6));
        if (average != null) {
            header.add(average);
            cells.add(7);
        }
        List<String> headings = SummaryCsv.headings(bands);
        for (int b = 0; b < bands.size(); b++) {
            header.add(headings.get(b));
            cells.add(8 + b);
        }
        if (flag != null) {
            header.add(flag);
            cells.add(8 + bands.size());
        }
        int gradeCell = grades.isEmpty() ? -1 : 9 + bands.size();
        if (!grades.isEmpty()) {
            header.add("評価");
            cells.add(gradeCell);
        }
        int policyCell = 9 + bands.size() + (grades.isEmpty() ? 0 : 1);
        header.add("ポリシー");
        cells.add(policyCell);
        Series series = new Series(workbook, SUMMARIES, header, Map.of(1, 26));
        try (SpillRecords records = SpillRecords.read(spillFolder.resolve("summaries"))) {
            for (SpillRows.Row r : records) {
                Worksheet sheet = series.sheet();
                for (int c = 0; c < cells.size(); c++) {
                    int i = cells.get(c);
                    if (i < 3 || i == gradeCell || i == policyCell) {
                        text(sheet, series.row(), c, r.get(i));
                    } else {
                        number(sheet, series.row(), c, r.get(i), i == 7 ? SCORE_FORMAT : null);
                    }
                }
                series.advance();
            }
        }
        series.finish();
    }

    /** 計画: per KPI the actual it needs in the planned year for each band and ☆ (以上, or 以下 when lower is better). */
    private void writePlan(Workbook workbook) throws IOException {
        List<String> header = new ArrayList<>(List.of("自治体", "プロジェクト", "No.", "KPI", "単位", "方向", "基準値",
                "目標値", "以上/以下"));
        planGoals.forEach(b -> header.add(b.mark() + " " + b.label() + " に必要"));
        if (planFlag != null) {
            header.add(planFlag + " に必要");
        }
        header.add("備考");
        Series series = new Series(workbook, "計画 " + FiscalYear.label(planYear) + " ("
                + FiscalYear.japaneseLabel(planYear) + ")", header, Map.of(1, 26, 3, 32));
        try (SpillRecords records = SpillRecords.read(spillFolder.resolve("plan"))) {
            for (SpillRows.Row r : records) {
                Worksheet sheet = series.sheet();
                for (int i = 0; i < r.size(); i++) {
                    boolean value = i == 6 || i == 7 || i > 8 && i < r.size() - 1;
                    if (value) {
                        // as written: 83.0 stays 83.0 for a KPI kept to one decimal
                        int decimals = r.get(i).indexOf('.') < 0 ? 0 : r.get(i).length() - r.get(i).indexOf('.') - 1;
                        number(sheet, series.row(), i, r.get(i), decimals == 0 ? null : "0." + "0".repeat(decimals));
                    } else {
                        text(sheet, series.row(), i, r.get(i));
                    }
                }
                series.advance();
            }
        }
        series.finish();
    }

    /**
     * Printed as city staff print the review table: A4 landscape, every column on one page's width (as many pages
     * tall as the rows need), the header row again at the top of every page.
     */
    private static void printSetup(Worksheet sheet) {
        sheet.paperSize(org.dhatim.fastexcel.PaperSize.A4_PAPER);
        sheet.pageOrientation("landscape");
        sheet.setFitToPage(true);
        sheet.fitToWidth((short) 1);
        sheet.fitToHeight((short) 0);
        sheet.repeatRows(0);
    }

    private static void headerRow(Worksheet sheet, List<String> header) {
        for (int c = 0; c < header.size(); c++) {
            sheet.value(0, c, header.get(c));
        }
        sheet.range(0, 0, 0, header.size() - 1).style().bold().fillColor("DDE7F0").wrapText(true).set();
        // tall enough for a heading wrapped to three lines: without a height LibreOffice kept the row one line high
        // and printed 補正前スコア as ア
        sheet.rowHeight(0, HEADER_HEIGHT);
        sheet.freezePane(0, 1);
    }

    private static void text(Worksheet sheet, int row, int column, String value) {
        if (!value.isEmpty()) {
            sheet.value(row, column, value);
        }
    }

    private void number(Worksheet sheet, int row, int column, String value, String format) {
        if (value.isEmpty()) {
            return;
        }
        sheet.value(row, column, new BigDecimal(value));
        if (format != null) {
            formats.add(sheet, row, column, format);
        }
    }

    /**
     * The row's cells from {@code from} on, read as a year followed by {@code width} cells of that year each: the
     * actuals of a KPI row (the value), the years of a trend row (score and band).
     */
    private static Map<Integer, List<String>> byYear(SpillRows.Row r, int from, int width) {
        Map<Integer, List<String>> values = new HashMap<>();
        for (int i = from; i + width < r.size(); i += width + 1) {
            values.put(Integer.parseInt(r.get(i)), Arrays.asList(r.cells()).subList(i + 1, i + 1 + width));
        }
        return values;
    }
}
