package jp.kpireview.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.KpiHistory;
import jp.kpireview.domain.Plan;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.Review;
import jp.kpireview.io.AtomicFile;
import jp.kpireview.io.Csv;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * report.xlsx, laid out like the published table: one sheet per fiscal year (each project's KPI rows, then its
 * summary row), a 推移 sheet (score and band per year and the trend of each KPI) and a 集計 sheet (the project
 * summaries). A workbook is a zip of sheets written one after another, so the rows of each sheet are first spilled to
 * a temporary file as municipalities arrive and the workbook is written at commit: memory stays small for a
 * nationwide run.
 */
public final class ReportXlsx implements ReportWriter<ReportXlsx.Part> {

    /** Rows per sheet: Excel's limit; a longer year goes on in a second sheet. Lowered by the tests. */
    static int maxRowsPerSheet = 1_048_576;
    private static final String TRENDS = "推移";
    private static final String SUMMARIES = "集計";
    private static final String KPI_ROW = "K";
    private static final String SUMMARY_ROW = "S";
    private static final String SCORE_FORMAT = "0.00";
    private static final int FLUSH_ROWS = 2_000;
    /**
     * Deflate level of the workbook's parts. Level 1 rather than fastexcel's 4: on the nationwide workbook (78 MB)
     * about half of the writing time was compression, and level 1 writes it ~1.5 s sooner for a file 13 % larger
     * (README, Scale and speed).
     */
    private static final int COMPRESSION = 1;

    /** A municipality's rows per sheet, as spill text, and the band scale. */
    public record Part(List<Band> bands, List<String> grades, Map<Integer, String> yearRows,
            Map<Integer, List<Band>> yearBands, java.util.Set<Integer> actualYears, String trendRows,
            String summaryRows, PlanRows planRows) {
    }

    /** A municipality's rows of the plan sheet, with the year and the goals (bands) that head its columns. */
    public record PlanRows(int year, List<Band> goals, String rows) {
    }

    private final Path target;
    private final Path spillFolder;
    private final Map<Integer, Writer> yearSpills = new TreeMap<>();
    private final Writer trendSpill;
    private final Writer summarySpill;
    private final TreeSet<Integer> years = new TreeSet<>();
    private List<Band> bands = List.of();
    private List<String> grades = List.of();
    /** Each year's own band scale (years of different policy periods may differ). */
    private final Map<Integer, List<Band>> yearBands = new TreeMap<>();
    /** Every year with an actual in the data: a year sheet shows the actuals up to its year, as published. */
    private final TreeSet<Integer> actualYears = new TreeSet<>();
    private AtomicFile file;
    /** The plan sheet's rows, year and goals, when the run was asked for a plan. */
    private Writer planSpill;
    private int planYear;
    private List<Band> planGoals = List.of();

    public ReportXlsx(Path target) {
        this.target = target;
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            spillFolder = Files.createTempDirectory(parent, ".report.xlsx.");
            trendSpill = Files.newBufferedWriter(spillFolder.resolve("trends"));
            summarySpill = Files.newBufferedWriter(spillFolder.resolve("summaries"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Part render(MunicipalityReview review) {
        Map<Integer, String> yearRows = new LinkedHashMap<>();
        Map<Integer, List<Band>> yearBands = new LinkedHashMap<>();
        for (Review year : review.reviews()) {
            yearRows.put(year.year(), spill(csv -> yearRows(csv, review, year)));
            yearBands.put(year.year(), year.bands());
        }
        java.util.Set<Integer> actualYears = new java.util.TreeSet<>();
        review.kpis().forEach(k -> actualYears.addAll(k.actuals().keySet()));
        Plan plan = review.plan();
        return new Part(review.bands(), review.grades(), yearRows, yearBands, actualYears,
                spill(csv -> trendRows(csv, review)),
                spill(csv -> summaryRows(csv, review)),
                plan == null ? null : new PlanRows(plan.year(), plan.bands().subList(1, plan.bands().size()),
                        spill(csv -> planRows(csv, plan))));
    }

    /** Per KPI: who and what, then the actual each goal needs, then the notes. */
    private static void planRows(CSVPrinter csv, Plan plan) throws IOException {
        for (Plan.KpiNeeds p : plan.kpis()) {
            Kpi k = p.kpi();
            List<Object> row = new ArrayList<>(List.of(k.municipality(), k.project(), k.id(), k.name(), k.unit(),
                    k.directionText(), k.baseline().toPlainString(), k.finalTarget().toPlainString(),
                    p.higherIsBetter() ? "以上" : "以下"));
            row.addAll(p.actuals());
            row.add(p.notes());
            csv.printRecord(row);
        }
    }

    @FunctionalInterface
    private interface Rows {
        void print(CSVPrinter csv) throws IOException;
    }

    private static String spill(Rows rows) {
        StringBuilder text = new StringBuilder();
        try (CSVPrinter csv = Csv.rows(text)) {
            rows.print(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Per project its KPI rows, then its summary row, as the published table has them. */
    private static void yearRows(CSVPrinter csv, MunicipalityReview review, Review year) throws IOException {
        Map<String, KpiHistory> histories = new LinkedHashMap<>();
        review.histories().forEach(h -> histories.put(h.kpi().id(), h));
        Map<String, List<Evaluation>> byProject = Evaluation.byProject(year.evaluations());
        for (ProjectSummary s : year.summaries()) {
            for (Evaluation e : byProject.get(s.project())) {
                Kpi k = e.kpi();
                List<Object> row = new ArrayList<>(List.of(KPI_ROW, review.municipality(), k.project(),
                        k.id(), k.business(), k.name(), k.unit(), FiscalYear.japaneseLabel(k.baselineYear()),
                        k.baseline().toPlainString(), actuals(k, year.year()), Numbers.plain(e.rawScore()),
                        Numbers.plain(e.score()), k.directionText(), FiscalYear.targetLabel(k.targetYear()),
                        k.finalTarget().toPlainString(), e.band() == null ? "" : e.band().mark(),
                        e.scored() && e.achieved() ? "☆" : "",
                        histories.get(k.id()).change(year.year()).map(t -> t.label()).orElse(""),
                        year.policy().label()));
                csv.printRecord(row);
            }
            List<Object> summary = new ArrayList<>(List.of(SUMMARY_ROW, review.municipality(), s.project(),
                    ReviewTable.summaryLine(s), Numbers.plain(s.average())));
            summary.addAll(s.bandCounts().values());
            summary.add(s.achieved());
            csv.printRecord(summary);
        }
    }

    /** {@code 2015=21;2016=27}: the actuals up to the year, spread into columns once all years are known. */
    private static String actuals(Kpi k, int year) {
        StringBuilder text = new StringBuilder();
        k.actuals().headMap(year, true).forEach((y, v) -> text.append(y).append('=').append(v.toPlainString())
                .append(';'));
        return text.toString();
    }

    private static void trendRows(CSVPrinter csv, MunicipalityReview review) throws IOException {
        for (KpiHistory h : review.histories()) {
            StringBuilder years = new StringBuilder();
            for (Evaluation e : h.years()) {
                years.append(e.year()).append('=').append(Numbers.plain(e.score())).append('=')
                        .append(e.band() == null ? "" : e.band().mark()).append(';');
            }
            csv.printRecord(review.municipality(), h.kpi().id(), h.kpi().project(), h.kpi().name(), years,
                    h.overall().map(t -> t.arrow() + " " + t.label()).orElse(""));
        }
    }

    private static void summaryRows(CSVPrinter csv, MunicipalityReview review) throws IOException {
        for (Review year : review.reviews()) {
            for (ProjectSummary s : year.summaries()) {
                List<Object> row = new ArrayList<>(List.of(review.municipality()));
                row.addAll(SummaryCsv.cells(s, review.bands()));
                row.add(year.policy().label());
                csv.printRecord(row);
            }
        }
    }

    @Override
    public void add(Part part) {
        bands = part.bands();
        grades = part.grades();
        part.yearBands().forEach(yearBands::putIfAbsent);
        actualYears.addAll(part.actualYears());
        try {
            for (Map.Entry<Integer, String> year : part.yearRows().entrySet()) {
                years.add(year.getKey());
                Writer spill = yearSpills.get(year.getKey());
                if (spill == null) {
                    spill = Files.newBufferedWriter(spillFolder.resolve("FY" + year.getKey()));
                    yearSpills.put(year.getKey(), spill);
                }
                spill.write(year.getValue());
            }
            trendSpill.write(part.trendRows());
            summarySpill.write(part.summaryRows());
            if (part.planRows() != null) {
                if (planSpill == null) {
                    planSpill = Files.newBufferedWriter(spillFolder.resolve("plan"));
                    planYear = part.planRows().year();
                    planGoals = part.planRows().goals();
                }
                planSpill.write(part.planRows().rows());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void finish() {
        file = AtomicFile.create(target);
        try {
            closeSpills();
            Workbook workbook = new Workbook(file.stream(), "kpi-review", "1.0");
            workbook.setCompressionLevel(COMPRESSION);
            for (int year : years) {
                writeYear(workbook, year);
            }
            writeTrends(workbook);
            writeSummaries(workbook);
            if (planSpill != null) {
                writePlan(workbook);
            }
            workbook.finish();
            file.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteSpills();
        }
    }

    @Override
    public void commit() {
        if (file == null) {
            finish();
        }
        file.commit();
    }

    /**
     * A sheet that goes on in {@code name 2}, {@code name 3} … when Excel's row limit is reached, each with the
     * header again.
     */
    private static final class Series {
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
            if (sheet == null || row >= maxRowsPerSheet) {
                if (sheet != null) {
                    sheet.finish();
                }
                sheets++;
                sheet = workbook.newWorksheet(sheets == 1 ? name : name + " " + sheets);
                headerRow(sheet, header);
                widths.forEach(sheet::width);
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
            if (row % FLUSH_ROWS == 0) {
                sheet.flush();
            }
        }

        void finish() throws IOException {
            sheet().finish();
        }
    }

    /** One fiscal year: per project its KPI rows and its summary row. */
    private void writeYear(Workbook workbook, int year) throws IOException {
        List<Band> bands = yearBands.getOrDefault(year, this.bands);
        TreeSet<Integer> upTo = new TreeSet<>(years.headSet(year, true));
        upTo.addAll(this.actualYears.headSet(year, true));
        List<Integer> actualYears = List.copyOf(upTo);
        List<String> header = new ArrayList<>(List.of("自治体", "プロジェクト", "No.", "事業名", "KPI", "単位", "基準年度",
                "基準値"));
        actualYears.forEach(y -> header.add(FiscalYear.japaneseLabel(y) + "実績値"));
        header.addAll(List.of("補正前スコア", "スコア", "方向", "目標年度", "目標値"));
        bands.forEach(b -> header.add(b.mark() + " " + b.label()));
        header.addAll(List.of("☆", "前年度比", "ポリシー"));
        Series series = new Series(workbook, FiscalYear.label(year) + " (" + FiscalYear.japaneseLabel(year) + ")",
                header, Map.of(1, 26, 3, 28, 4, 32));
        try (CSVParser records = records(spillFolder.resolve("FY" + year))) {
            for (CSVRecord r : records) {
                Worksheet sheet = series.sheet();
                if (r.get(0).equals(KPI_ROW)) {
                    kpiRow(sheet, series.row(), r, actualYears, bands);
                } else {
                    summaryRow(sheet, series.row(), r, header.size() - 1, bands, header.indexOf("スコア"));
                }
                series.advance();
            }
        }
        series.finish();
    }

    private void kpiRow(Worksheet sheet, int row, CSVRecord r, List<Integer> actualYears, List<Band> bands) {
        int c = 0;
        for (int i = 1; i <= 7; i++) {
            text(sheet, row, c++, r.get(i));
        }
        number(sheet, row, c++, r.get(8), null);
        Map<Integer, String> actuals = decode(r.get(9));
        for (int y : actualYears) {
            number(sheet, row, c++, actuals.getOrDefault(y, ""), null);
        }
        number(sheet, row, c++, r.get(10), SCORE_FORMAT);
        number(sheet, row, c++, r.get(11), SCORE_FORMAT);
        text(sheet, row, c++, r.get(12));
        text(sheet, row, c++, r.get(13));
        number(sheet, row, c++, r.get(14), null);
        for (Band b : bands) {
            text(sheet, row, c++, b.mark().equals(r.get(15)) ? b.mark() : "");
        }
        text(sheet, row, c++, r.get(16));
        text(sheet, row, c++, r.get(17));
        text(sheet, row, c, r.get(18));
    }

    /** {@code (集計対象 …) 平均スコア …} under the KPI column, the band counts and ☆ under theirs. */
    /** The summary line under the KPI column, the average (a number) under スコア, the counts under the bands. */
    private void summaryRow(Worksheet sheet, int row, CSVRecord r, int columns, List<Band> bands, int score) {
        text(sheet, row, 0, r.get(1));
        text(sheet, row, 1, r.get(2));
        text(sheet, row, 4, r.get(3));
        number(sheet, row, score, r.get(4), SCORE_FORMAT);
        int c = columns - bands.size() - 2;
        for (int i = 0; i <= bands.size(); i++) {
            number(sheet, row, c + i, r.get(5 + i), null);
        }
        sheet.range(row, 0, row, columns - 1).style().bold().fillColor("EEF3F8").set();
    }

    private void writeTrends(Workbook workbook) throws IOException {
        List<String> header = new ArrayList<>(List.of("自治体", "No.", "プロジェクト", "KPI"));
        years.forEach(y -> header.addAll(List.of(FiscalYear.japaneseLabel(y) + " スコア",
                FiscalYear.japaneseLabel(y) + " 区分")));
        header.add("推移");
        Series series = new Series(workbook, TRENDS, header, Map.of(2, 26, 3, 32));
        try (CSVParser records = records(spillFolder.resolve("trends"))) {
            for (CSVRecord r : records) {
                Worksheet sheet = series.sheet();
                int row = series.row();
                for (int i = 0; i < 4; i++) {
                    text(sheet, row, i, r.get(i));
                }
                Map<Integer, String> byYear = decode(r.get(4));
                int c = 4;
                for (int y : years) {
                    String[] scoreAndBand = byYear.getOrDefault(y, "=").split("=", -1);
                    number(sheet, row, c++, scoreAndBand[0], SCORE_FORMAT);
                    text(sheet, row, c++, scoreAndBand[1]);
                }
                text(sheet, row, c, r.get(5));
                series.advance();
            }
        }
        series.finish();
    }

    private void writeSummaries(Workbook workbook) throws IOException {
        List<String> header = new ArrayList<>(List.of("自治体", "プロジェクト", "年度", "集計対象事業数", "全事業数",
                "集計対象KPI数", "全KPI数", "平均スコア"));
        bands.forEach(b -> header.add(b.mark()));
        header.add("☆");
        int gradeColumn = grades.isEmpty() ? -1 : header.size();
        if (!grades.isEmpty()) {
            header.add("評価");
        }
        int policyColumn = header.size();
        header.add("ポリシー");
        Series series = new Series(workbook, SUMMARIES, header, Map.of(1, 26));
        try (CSVParser records = records(spillFolder.resolve("summaries"))) {
            for (CSVRecord r : records) {
                Worksheet sheet = series.sheet();
                for (int i = 0; i < 3; i++) {
                    text(sheet, series.row(), i, r.get(i));
                }
                for (int i = 3; i < r.size(); i++) {
                    if (i == gradeColumn || i == policyColumn) {
                        text(sheet, series.row(), i, r.get(i));
                    } else {
                        number(sheet, series.row(), i, r.get(i), i == 7 ? SCORE_FORMAT : null);
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
        header.addAll(List.of("☆ に必要", "備考"));
        Series series = new Series(workbook, "計画 " + FiscalYear.label(planYear) + " ("
                + FiscalYear.japaneseLabel(planYear) + ")", header, Map.of(1, 26, 3, 32));
        try (CSVParser records = records(spillFolder.resolve("plan"))) {
            for (CSVRecord r : records) {
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

    private static void headerRow(Worksheet sheet, List<String> header) {
        for (int c = 0; c < header.size(); c++) {
            sheet.value(0, c, header.get(c));
        }
        sheet.range(0, 0, 0, header.size() - 1).style().bold().fillColor("DDE7F0").wrapText(true).set();
        sheet.freezePane(0, 1);
    }

    private static void text(Worksheet sheet, int row, int column, String value) {
        if (!value.isEmpty()) {
            sheet.value(row, column, value);
        }
    }

    private static void number(Worksheet sheet, int row, int column, String value, String format) {
        if (value.isEmpty()) {
            return;
        }
        sheet.value(row, column, new BigDecimal(value));
        if (format != null) {
            sheet.style(row, column).format(format).set();
        }
    }

    private static Map<Integer, String> decode(String encoded) {
        Map<Integer, String> values = new TreeMap<>();
        for (String part : encoded.split(";")) {
            int at = part.indexOf('=');
            if (at > 0) {
                values.put(Integer.parseInt(part.substring(0, at)), part.substring(at + 1));
            }
        }
        return values;
    }

    private static CSVParser records(Path spill) throws IOException {
        Reader reader = Files.newBufferedReader(spill, StandardCharsets.UTF_8);
        return CSVFormat.DEFAULT.parse(reader);
    }

    private void closeSpills() throws IOException {
        for (Writer spill : yearSpills.values()) {
            spill.close();
        }
        trendSpill.close();
        summarySpill.close();
        if (planSpill != null) {
            planSpill.close();
        }
    }

    /** Deletes the spill files and an unfinished workbook. */
    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
        deleteSpills();
    }

    private void deleteSpills() {
        try {
            closeSpills();
        } catch (IOException ignored) {
            // closing is only to delete; a failure that matters was reported already
        }
        try (var files = Files.list(spillFolder)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(spillFolder);
        } catch (IOException ignored) {
            // a leftover temp folder is harmless; the report itself is complete or absent
        }
    }
}
