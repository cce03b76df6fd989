package jp.kpireview.report;

import java.io.BufferedOutputStream;
import java.math.BigDecimal;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.KpiHistory;
import jp.kpireview.domain.Plan;
import jp.kpireview.domain.Terms;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.Review;
import jp.kpireview.io.AtomicFile;
import jp.kpireview.io.FileFailure;
import org.dhatim.fastexcel.Workbook;

/**
 * report.xlsx, laid out like the published table: one sheet per fiscal year (each project's KPI rows, then its
 * summary row), a 推移 sheet (score and band per year and the trend of each KPI), a 集計 sheet (the project
 * summaries) and, when a plan was asked for, a 計画 sheet. A workbook is a zip of sheets written one after another, so
 * this writer spills the rows of each sheet to a temporary file as municipalities arrive, and {@link XlsxSheets}
 * writes the workbook from them at commit: memory stays small for a nationwide run.
 */
public final class ReportXlsx implements ReportWriter<ReportXlsx.Part> {

    /** Rows per sheet: Excel's limit; a longer year goes on in a second sheet. Lowered by the tests. */
    static int maxRowsPerSheet = 1_048_576;
    /** The first cell of a spilled row: a KPI's row or a project's summary row. */
    static final String KPI_ROW = "K";
    static final String SUMMARY_ROW = "S";
    /**
     * Where the year cells of a spilled row begin: a KPI row ends with the columns of the town's own its year's
     * policy shows, then its actuals (a year and its value each); a trend row with its evaluated years (a year, its
     * score and its band each).
     */
    static final int KPI_ROW_YEARS = 19;
    /** The cell of a spilled KPI row that holds its annual target (年度目標値) of the year, empty when it has none. */
    static final int KPI_ROW_ANNUAL_TARGET = 18;
    static final int TREND_ROW_YEARS = 5;
    /**
     * Deflate level of the workbook's parts. Level 1 rather than fastexcel's 4: on the nationwide workbook (78 MB)
     * about half of the writing time was compression, and level 1 writes it ~1.5 s sooner for a file 13 % larger
     * (docs/scale-and-speed.md).
     */
    private static final int COMPRESSION = 1;

    /** A municipality's rows per sheet, in the spill format ({@link SpillRows}), and the band scale. */
    public record Part(List<Band> bands, List<String> grades, Map<Integer, byte[]> yearRows,
            Map<Integer, List<Band>> yearBands, Map<Integer, Terms> yearTerms, java.util.Set<Integer> actualYears,
            java.util.Set<Integer> annualTargetYears, byte[] trendRows, byte[] summaryRows, PlanRows planRows) {
    }

    /** A municipality's rows of the plan sheet, with the year and the goals (bands) that head its columns. */
    /** @param flag the flag (☆) a need is also given for; null when the policy has none */
    public record PlanRows(int year, List<Band> goals, String flag, byte[] rows) {
    }

    private final Path target;
    private final Path spillFolder;
    private final Map<Integer, OutputStream> yearSpills = new TreeMap<>();
    private final OutputStream trendSpill;
    private final OutputStream summarySpill;
    private final TreeSet<Integer> years = new TreeSet<>();
    private List<Band> bands = List.of();
    private List<String> grades = List.of();
    /** Each year's own band scale (years of different policy periods may differ). */
    private final Map<Integer, List<Band>> yearBands = new TreeMap<>();
    private final Map<Integer, Terms> yearTerms = new TreeMap<>();
    /** Every year with an actual in the data: a year sheet shows the actuals up to its year, as published. */
    private final TreeSet<Integer> actualYears = new TreeSet<>();
    /** Every year some KPI has an annual target (年度目標値) for: its sheet shows the column, as the data holds it. */
    private final TreeSet<Integer> annualTargetYears = new TreeSet<>();
    private AtomicFile file;
    /** The plan sheet's rows, year and goals, when the run was asked for a plan. */
    private OutputStream planSpill;
    /** The planned year; null until a municipality brings a plan. */
    private Integer planYear;
    private List<Band> planGoals = List.of();
    private String planFlag;

    public ReportXlsx(Path target) {
        this.target = target;
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            spillFolder = Files.createTempDirectory(parent, ".report.xlsx.");
            trendSpill = spillFile(spillFolder.resolve("trends"));
            summarySpill = spillFile(spillFolder.resolve("summaries"));
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.WRITE, target, e);
        }
    }

    @Override
    public Part render(MunicipalityReview review) {
        // the KPIs' histories once for all the sheets: review.histories() builds them afresh at each call
        List<KpiHistory> histories = review.histories();
        Map<String, KpiHistory> historyById = new LinkedHashMap<>();
        histories.forEach(h -> historyById.put(h.kpi().id(), h));
        Map<Integer, byte[]> yearRows = new LinkedHashMap<>();
        Map<Integer, List<Band>> yearBands = new LinkedHashMap<>();
        Map<Integer, Terms> yearTerms = new LinkedHashMap<>();
        for (Review year : review.reviews()) {
            yearRows.put(year.year(), spill(rows -> yearRows(rows, review, year, historyById)));
            yearBands.put(year.year(), year.bands());
            yearTerms.put(year.year(), year.terms());
        }
        java.util.Set<Integer> actualYears = new java.util.TreeSet<>();
        java.util.Set<Integer> annualTargetYears = new java.util.TreeSet<>();
        review.kpis().forEach(k -> {
            actualYears.addAll(k.actuals().keySet());
            annualTargetYears.addAll(k.annualTargets().keySet());
        });
        Plan plan = review.plan();
        return new Part(review.bands(), review.grades(), yearRows, yearBands, yearTerms, actualYears, annualTargetYears,
                spill(rows -> trendRows(rows, review.municipality(), histories)),
                spill(rows -> summaryRows(rows, review)),
                plan == null ? null : new PlanRows(plan.year(), plan.bands().subList(1, plan.bands().size()), plan.terms().flag(),
                        spill(rows -> planRows(rows, plan))));
    }

    /** Per KPI: who and what, then the actual each goal needs, then the notes. */
    private static void planRows(SpillRows rows, Plan plan) {
        for (Plan.KpiNeeds p : plan.kpis()) {
            Kpi k = p.kpi();
            List<Object> row = new ArrayList<>(List.of(k.municipality(), k.project(), k.id(), k.name(), k.unit(),
                    k.directionText(), Numbers.plain(k.baseline()), k.targetIn(plan.year()).toPlainString(),
                    p.higherIsBetter() ? "以上" : "以下"));
            row.addAll(p.actuals());
            row.add(p.notes());
            rows.row(row);
        }
    }

    private static byte[] spill(Consumer<SpillRows> print) {
        SpillRows rows = new SpillRows();
        print.accept(rows);
        return rows.toByteArray();
    }

    /** Per project its KPI rows, then its summary row, as the published table has them. */
    private static void yearRows(SpillRows rows, MunicipalityReview review, Review year,
            Map<String, KpiHistory> histories) {
        Map<String, List<Evaluation>> byProject = Evaluation.byProject(year.evaluations());
        for (ProjectSummary s : year.summaries()) {
            for (Evaluation e : byProject.get(s.project())) {
                Kpi k = e.kpi();
                List<Object> row = new ArrayList<>(List.of(KPI_ROW, review.municipality(), k.project(),
                        k.id(), k.business(), k.name(), k.unit(), k.baselineYear() == null ? ""
                        : FiscalYear.japaneseLabel(k.baselineYear()), Numbers.plain(k.baseline()), Numbers.plain(e.rawScore()),
                        Numbers.plain(e.score()), k.directionText(), FiscalYear.targetLabel(k.targetYear()),
                        k.targetIn(year.year()).toPlainString(), e.band() == null ? "" : e.band().mark(),
                        e.judged() && e.achieved() ? "☆" : "",
                        histories.get(k.id()).change(year.year()).map(t -> t.label()).orElse(""),
                        year.policy().label(), k.annualTarget(year.year()).map(BigDecimal::toPlainString).orElse("")));
                // the columns of the town's own the policy shows, then the years
                year.terms().columns().forEach(c -> row.add(k.attributes().getOrDefault(c, "")));
                // then the actuals up to the year, a year and its value each, spread into columns once all years
                // are known
                k.actuals().headMap(year.year(), true).forEach((y, v) -> {
                    row.add(y);
                    row.add(v.toPlainString());
                });
                rows.row(row);
            }
            List<Object> summary = new ArrayList<>(List.of(SUMMARY_ROW, review.municipality(), s.project(),
                    ReviewTable.summaryLine(s), Numbers.plain(s.average())));
            summary.addAll(s.bandCounts().values());
            summary.add(s.achieved());
            rows.row(summary);
        }
    }

    private static void trendRows(SpillRows rows, String municipality, List<KpiHistory> histories) {
        for (KpiHistory h : histories) {
            List<Object> row = new ArrayList<>(List.of(municipality, h.kpi().id(), h.kpi().project(),
                    h.kpi().name(), h.latest().map(t -> t.arrow() + " " + t.label()).orElse("")));
            // then each evaluated year, its score and its band
            for (Evaluation e : h.years()) {
                row.add(e.year());
                row.add(Numbers.plain(e.score()));
                row.add(e.band() == null ? "" : e.band().mark());
            }
            rows.row(row);
        }
    }

    private static void summaryRows(SpillRows rows, MunicipalityReview review) {
        for (Review year : review.reviews()) {
            for (ProjectSummary s : year.summaries()) {
                List<Object> row = new ArrayList<>(List.of(review.municipality()));
                row.addAll(SummaryCsv.cells(s, review.bands()));
                row.add(year.policy().label());
                rows.row(row);
            }
        }
    }

    @Override
    public void add(Part part) {
        bands = part.bands();
        grades = part.grades();
        part.yearBands().forEach(yearBands::putIfAbsent);
        part.yearTerms().forEach(yearTerms::putIfAbsent);
        actualYears.addAll(part.actualYears());
        annualTargetYears.addAll(part.annualTargetYears());
        try {
            for (Map.Entry<Integer, byte[]> year : part.yearRows().entrySet()) {
                years.add(year.getKey());
                OutputStream spill = yearSpills.get(year.getKey());
                if (spill == null) {
                    spill = spillFile(spillFolder.resolve("FY" + year.getKey()));
                    yearSpills.put(year.getKey(), spill);
                }
                spill.write(year.getValue());
            }
            trendSpill.write(part.trendRows());
            summarySpill.write(part.summaryRows());
            if (part.planRows() != null) {
                if (planSpill == null) {
                    planSpill = spillFile(spillFolder.resolve("plan"));
                    planYear = part.planRows().year();
                    planGoals = part.planRows().goals();
                    planFlag = part.planRows().flag();
                }
                planSpill.write(part.planRows().rows());
            }
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.WRITE, target, e);
        }
    }

    @Override
    public void finish() {
        file = AtomicFile.create(target);
        try {
            closeSpills();
            Workbook workbook = new Workbook(file.stream(), "kpi-review", "1.0");
            workbook.setCompressionLevel(COMPRESSION);
            new XlsxSheets(spillFolder, years, bands, yearBands, yearTerms, actualYears, annualTargetYears, grades,
                    planYear, planGoals, planFlag).write(workbook);
            workbook.finish();
            file.finish();
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.WRITE, target, e);
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

    private static OutputStream spillFile(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    private void closeSpills() throws IOException {
        for (OutputStream spill : yearSpills.values()) {
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
