package jp.kpireview.report;

import java.io.IOException;
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

/**
 * The sheets of report.xlsx, written one after another from the rows {@link ReportXlsx} spilled: a sheet per fiscal
 * year, 推移, 集計 and, when a plan was asked for, 計画 — what each sheet holds, column by column; {@link SheetSeries}
 * writes the cells. Each sheet is read back from its spill file (parsed on a second thread, {@link SpillRecords})
 * and written row by row, so a nationwide workbook never sits in memory.
 */
final class XlsxSheets {

    private static final String TRENDS = "推移";
    private static final String SUMMARIES = "集計";
    private static final String SCORE_FORMAT = "0.00";
    /** A year a row has no cells for: empty cells. */
    private static final List<String> NONE = List.of("", "");

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
        SheetSeries series = new SheetSeries(workbook, FiscalYear.label(year) + " (" + FiscalYear.japaneseLabel(year) + ")",
                header, Map.of(1, 26, 3, 28, 4, 32));
        try (SpillRecords records = SpillRecords.read(spillFolder.resolve("FY" + year))) {
            for (SpillRows.Row r : records) {
                series.startRow();
                if (r.get(0).equals(ReportXlsx.KPI_ROW)) {
                    kpiRow(series, r, actualYears, annualTarget, bands, terms);
                } else {
                    summaryRow(series, r, header.size() - 1, bands, terms,
                            terms.hasScore() ? header.indexOf(terms.score()) : -1);
                }
                series.advance();
            }
        }
        series.finish();
    }

    private static void kpiRow(SheetSeries series, SpillRows.Row r, List<Integer> actualYears, boolean annualTarget,
            List<Band> bands, Terms terms) {
        int c = 0;
        for (int i = 1; i <= 5; i++) {
            series.text(c++, r.get(i));
        }
        // the columns of the town's own the policy shows, beside the KPI
        int shown = terms.columns().size();
        for (int i = 0; i < shown; i++) {
            series.text(c++, r.get(ReportXlsx.KPI_ROW_YEARS + i));
        }
        series.text(c++, r.get(6));
        series.text(c++, r.get(7));
        series.number(c++, r.get(8), null);
        Map<Integer, List<String>> actuals = byYear(r, ReportXlsx.KPI_ROW_YEARS + shown, 1);
        for (int y : actualYears) {
            series.number(c++, actuals.getOrDefault(y, NONE).get(0), null);
        }
        if (terms.hasRawScore()) {
            series.number(c++, r.get(9), SCORE_FORMAT);
        }
        if (terms.hasScore()) {
            series.number(c++, r.get(10), SCORE_FORMAT);
        }
        series.text(c++, r.get(11));
        series.text(c++, r.get(12));
        series.number(c++, r.get(13), null);
        if (annualTarget) {
            series.number(c++, r.get(ReportXlsx.KPI_ROW_ANNUAL_TARGET), null);
        }
        for (Band b : bands) {
            series.text(c++, b.mark().equals(r.get(14)) ? b.mark() : "");
        }
        if (terms.hasFlag()) {
            series.text(c++, r.get(15));
        }
        series.text(c++, r.get(16));
        series.text(c, r.get(17));
    }

    /**
     * The summary line under the KPI column, the average (a number) under the score column when the policy has
     * both, the counts under the bands and the flag's count under the flag.
     */
    private static void summaryRow(SheetSeries series, SpillRows.Row r, int columns, List<Band> bands, Terms terms,
            int score) {
        series.text(0, r.get(1));
        series.text(1, r.get(2));
        // under No.: the mark by which the data format tells a report's summary row from a KPI's
        series.text(2, KpiTable.SUMMARY_ROW);
        series.text(4, r.get(3));
        if (score >= 0) {
            series.number(score, r.get(4), SCORE_FORMAT);
        }
        int c = columns - bands.size() - (terms.hasFlag() ? 2 : 1);
        for (int i = 0; i < bands.size() + (terms.hasFlag() ? 1 : 0); i++) {
            series.number(c + i, r.get(5 + i), null);
        }
        series.bold(columns, "EEF3F8");
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
        SheetSeries series = new SheetSeries(workbook, TRENDS, header, Map.of(2, 26, 3, 32));
        try (SpillRecords records = SpillRecords.read(spillFolder.resolve("trends"))) {
            for (SpillRows.Row r : records) {
                series.startRow();
                for (int i = 0; i < 4; i++) {
                    series.text(i, r.get(i));
                }
                Map<Integer, List<String>> byYear = byYear(r, ReportXlsx.TREND_ROW_YEARS, 2);
                int c = 4;
                for (int y : years) {
                    List<String> scoreAndBand = byYear.getOrDefault(y, NONE);
                    if (yearTerms.get(y).hasScore()) {
                        series.number(c++, scoreAndBand.get(0), SCORE_FORMAT);
                    }
                    series.text(c++, scoreAndBand.get(1));
                }
                series.text(c, r.get(4));
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
        SheetSeries series = new SheetSeries(workbook, SUMMARIES, header, Map.of(1, 26));
        try (SpillRecords records = SpillRecords.read(spillFolder.resolve("summaries"))) {
            for (SpillRows.Row r : records) {
                series.startRow();
                for (int c = 0; c < cells.size(); c++) {
                    int i = cells.get(c);
                    if (i < 3 || i == gradeCell || i == policyCell) {
                        series.text(c, r.get(i));
                    } else {
                        series.number(c, r.get(i), i == 7 ? SCORE_FORMAT : null);
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
        SheetSeries series = new SheetSeries(workbook, "計画 " + FiscalYear.label(planYear) + " ("
                + FiscalYear.japaneseLabel(planYear) + ")", header, Map.of(1, 26, 3, 32));
        try (SpillRecords records = SpillRecords.read(spillFolder.resolve("plan"))) {
            for (SpillRows.Row r : records) {
                series.startRow();
                for (int i = 0; i < r.size(); i++) {
                    boolean value = i == 6 || i == 7 || i > 8 && i < r.size() - 1;
                    if (value) {
                        // as written: 83.0 stays 83.0 for a KPI kept to one decimal
                        int decimals = r.get(i).indexOf('.') < 0 ? 0 : r.get(i).length() - r.get(i).indexOf('.') - 1;
                        series.number(i, r.get(i), decimals == 0 ? null : "0." + "0".repeat(decimals));
                    } else {
                        series.text(i, r.get(i));
                    }
                }
                series.advance();
            }
        }
        series.finish();
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
