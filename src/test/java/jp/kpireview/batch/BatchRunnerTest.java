package jp.kpireview.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.KpiHistory;
import jp.kpireview.domain.Trend;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.io.KpiCsv;
import jp.kpireview.report.ReportWriter;
import jp.kpireview.report.Reports;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRunnerTest {

    private static final String HEADER = "municipality,kpi_id,project,business_no,business,kpi,unit,direction,"
            + "baseline_year,baseline,target_year,target,FY2015,FY2016,FY2017,FY2018\n";

    @TempDir
    Path dir;

    /** A report that keeps what it was given, to see what the runner hands over and in which order. */
    private static final class Received implements ReportWriter<MunicipalityReview> {
        final List<MunicipalityReview> reviews = new ArrayList<>();
        boolean committed;

        @Override
        public MunicipalityReview render(MunicipalityReview review) {
            return review;
        }

        @Override
        public void add(MunicipalityReview review) {
            reviews.add(review);
        }

        @Override
        public void commit() {
            committed = true;
        }

        @Override
        public void close() {
        }
    }

    private Received run(YearSelection years, int threads, Path... files) {
        Received received = new Received();
        BatchRunner runner = new BatchRunner(PolicyEngine.of(KpiFixture.rules()),
                new BatchRunner.Settings(years, false, threads), KpiCsv::read);
        try (Reports reports = Reports.open(dir.resolve("out"), List.of(() -> received))) {
            runner.run(List.of(files), reports, Progress.SILENT);
            reports.commit();
        }
        return received;
    }

    private Path file(String name, String rows) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, HEADER + rows);
        return file;
    }

    @Test
    void everyYearWithActualsOfEveryMunicipalityInInputOrder() throws IOException {
        Path a = file("a.csv", "甲市,1,(1) p,1,b,k,件,↗,FY2014,0,FY2019,10,2,3,,9\n"
                + "乙町,1,(1) p,1,b,k,件,↘,FY2014,10,FY2019,0,,,8,\n");
        Path b = file("b.csv", "丙村,1,(1) p,1,b,k,%,→,FY2014,50,FY2019,50,,,,49\n");
        Received received = run(YearSelection.ALL, 2, a, b);
        assertTrue(received.committed);
        assertEquals(List.of("甲市", "乙町", "丙村"),
                received.reviews.stream().map(MunicipalityReview::municipality).toList());
        assertEquals(List.of(2015, 2016, 2018), received.reviews.get(0).years(), "years with actuals of 甲市");
        assertEquals(List.of(2017), received.reviews.get(1).years());
        assertEquals(new BigDecimal("60.00"), received.reviews.get(2).reviews().get(0).evaluations().get(0).score(),
                "→: (49 − 47.5) / (50 − 47.5): the floor is 5 % below the target");
    }

    /**
     * A run of more files than threads evaluates on copies of the rules, one lent to each working thread, whose
     * sessions are not thread-safe: the same evaluations and summaries as a run of one file on the shared rules.
     */
    @Test
    void manyFilesOnCopiesOfTheRulesReviewAsOneFileAtATimeDoes() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            files.add(file("m" + i + ".csv", "市" + i + ",1,(1) p,1,b,k,件,↗,FY2014,0,FY2019,10,2,3," + i + ",9\n"
                    + "市" + i + ",2,(2) q,2,b,k,%,↘,FY2014,10,FY2019,0,9,7,,4\n"
                    + "市" + i + ",3,(2) q,3,b,k,件,→,FY2014,50,FY2019,50,,49,50,51\n"));
        }
        List<String> together = described(run(YearSelection.ALL, 2, files.toArray(Path[]::new)));
        List<String> oneByOne = new ArrayList<>();
        files.forEach(f -> oneByOne.addAll(described(run(YearSelection.ALL, 1, f))));
        assertEquals(oneByOne, together);
        assertEquals(5 * 4 * 3 + 5 * 4 * 3, together.size(), "every KPI-year and every summary");
    }

    /** Each KPI-year's and each summary's values, in order. */
    private static List<String> described(Received received) {
        List<String> described = new ArrayList<>();
        for (MunicipalityReview municipality : received.reviews) {
            for (var review : municipality.reviews()) {
                review.evaluations().forEach(e -> described.add(e.kpi().municipality() + " " + e.kpi().id() + " "
                        + e.year() + " " + e.status() + " " + e.rawScore() + " " + e.score() + " " + e.band() + " "
                        + e.achieved()));
                java.util.stream.Stream.concat(review.summaries().stream(), review.overall().stream())
                        .forEach(summary -> described.add(summary.toString()));
            }
        }
        return described;
    }

    @Test
    void aYearAskedForWithoutAnyActualIsSkippedOrRefused() throws IOException {
        Path a = file("a.csv", "甲市,1,(1) p,1,b,k,件,↗,FY2014,0,FY2019,10,2,3,,9\n"
                + "甲市,2,(1) p,1,b,k,件,↗,FY2014,0,FY2019,10,2,,,9\n");
        Received received = run(YearSelection.parse("FY2016..FY2017"), 1, a);
        assertEquals(List.of(2016), received.reviews.get(0).years(), "FY2017 has no actual at all: skipped");
        List<Evaluation> fy2016 = received.reviews.get(0).reviews().get(0).evaluations();
        assertEquals(List.of("scored", "no_actual"), fy2016.stream().map(e -> e.status().code()).toList(),
                "a KPI without an actual in a year others have one is still shown");
        DataException e = assertThrows(DataException.class, () -> run(YearSelection.parse("FY2017"), 1, a));
        assertEquals(a + ":1: year: 甲市 のどの KPI にも FY2017 (H29) の実績値がありません。実績値のある年度: FY2015 (H27),"
                + " FY2016 (H28), FY2018 (H30) (no KPI of 甲市 has an actual for FY2017 (H29))", e.getMessage());
    }

    /** ↗ 0 → 10 over FY2015–FY2019 (counts): annual targets 2, 4, 6, 8. */
    @Test
    void theTrendComparesEachScoredYearWithThePreviousOne() throws IOException {
        Path a = file("a.csv", "甲市,1,(1) p,1,b,k,件,↗,FY2014,0,FY2019,10,2,3,3,9\n");
        KpiHistory history = run(YearSelection.ALL, 1, a).reviews.get(0).histories().get(0);
        assertEquals(List.of("100.00", "75.00", "50.00", "100.00"),
                history.years().stream().map(e -> e.score().toPlainString()).toList());
        assertEquals(Trend.WORSENING, history.change(2016).orElseThrow());
        assertEquals(Trend.WORSENING, history.change(2017).orElseThrow());
        assertEquals(Trend.IMPROVING, history.change(2018).orElseThrow());
        assertTrue(history.change(2015).isEmpty(), "no earlier year");
        assertEquals(Trend.IMPROVING, history.latest().orElseThrow(), "the KPI's trend is its latest year's");
    }

    @Test
    void anUnscoredYearIsSkippedByTheTrend() throws IOException {
        Path a = file("a.csv", "甲市,1,(1) p,1,b,k,件,↗,FY2014,0,FY2019,10,2,,3,9\n");
        KpiHistory history = run(YearSelection.ALL, 1, a).reviews.get(0).histories().get(0);
        assertEquals(List.of(2015, 2017, 2018), history.years().stream().map(Evaluation::year).toList());
        assertEquals(Trend.WORSENING, history.change(2017).orElseThrow(), "FY2017 (50.00) against FY2015 (100.00)");
    }

    @Test
    void badDataInSeveralFilesIsReportedTogetherAndNothingIsCommitted() throws IOException {
        Path a = file("a.csv", "甲市,1,(1) p,1,b,k,件,↗,FY2014,x,FY2019,10,2,3,,9\n");
        Path good = file("b.csv", "乙町,1,(1) p,1,b,k,件,↗,FY2014,0,FY2019,10,2,3,,9\n");
        Path c = file("c.csv", "丙村,1,(1) p,1,b,k,件,up,FY2014,0,FY2019,10,2,3,,9\n");
        Received received = new Received();
        BatchRunner runner = new BatchRunner(PolicyEngine.of(KpiFixture.rules()),
                new BatchRunner.Settings(YearSelection.ALL, false, 2), KpiCsv::read);
        DataException e;
        try (Reports reports = Reports.open(dir.resolve("out"), List.of(() -> received))) {
            e = assertThrows(DataException.class, () -> runner.run(List.of(a, good, c), reports, Progress.SILENT));
        }
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).toString().startsWith(a + ":2: baseline: 'x' は数ではありません"));
        assertTrue(e.problems().get(1).toString().startsWith(c + ":2: direction: 方向の記号 'up' は方針の表にありません"));
        assertEquals(List.of(), received.reviews, "nothing is written once a file is bad");
        assertTrue(Files.notExists(dir.resolve("out")), "the folder the run created is gone again");
    }

    @Test
    void yearSelections() {
        assertEquals(List.of(2015, 2016, 2017), YearSelection.parse("FY2015..FY2017").years());
        assertEquals(List.of(2017, 2018), YearSelection.parse("FY2018,H29").years());
        assertEquals(YearSelection.ALL, YearSelection.parse("all"));
        assertThrows(IllegalArgumentException.class, () -> YearSelection.parse("FY2019..FY2015"));
        assertThrows(IllegalArgumentException.class, () -> YearSelection.parse("FY2015..FY2016..FY2017"));
    }
}
