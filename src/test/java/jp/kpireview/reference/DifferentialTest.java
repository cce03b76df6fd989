package jp.kpireview.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.domain.ReferenceKind;
import jp.kpireview.domain.Status;
import jp.kpireview.engine.Review;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.generate.DataGenerator;
import jp.kpireview.io.KpiCsv;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;

/**
 * The rules and the plain-Java reference must conclude the same, value for value, on generated data: every KPI-year's
 * evaluation and every project's summary.
 */
class DifferentialTest {

    private static final List<Integer> YEARS = List.of(2015, 2016, 2017, 2018, 2019);

    @Test
    void rulesAndReferenceAgreeOnGeneratedData() {
        DataGenerator generator = new DataGenerator(KpiCsv.read(Path.of("seeds/otaru-h30.csv")),
                new DataGenerator.Settings(30, 80, 2015, 2019, 7));
        List<Evaluation> all = new ArrayList<>();
        for (int m = 1; m <= 30; m++) {
            all.addAll(compare(generator.municipality(m), YEARS));
        }
        assertTrue(all.size() >= 10_000, all.size() + " KPI-years");
        assertCovers(all);
    }

    /**
     * The same KPIs moved below zero (net migration, a balance): every value shifted by the same negative amount.
     * Maintain KPIs then have negative targets, whose tolerance floor must still lie below the target.
     */
    @Test
    void rulesAndReferenceAgreeOnNegativeValues() {
        DataGenerator generator = new DataGenerator(KpiCsv.read(Path.of("seeds/otaru-h30.csv")),
                new DataGenerator.Settings(8, 80, 2015, 2019, 11));
        List<Evaluation> all = new ArrayList<>();
        for (int m = 1; m <= 8; m++) {
            all.addAll(compare(generator.municipality(m).stream().map(DifferentialTest::belowZero).toList(), YEARS));
        }
        List<Evaluation> maintained = all.stream().filter(e -> e.referenceKind() == ReferenceKind.MAINTAIN).toList();
        assertTrue(maintained.stream().anyMatch(e -> e.kpi().finalTarget().signum() < 0 && e.achieved()
                && e.score().compareTo(BigDecimal.valueOf(100)) == 0), "a negative target kept scores 100 with ☆");
    }

    private static Kpi belowZero(Kpi k) {
        BigDecimal shift = k.baseline().abs().max(k.finalTarget().abs()).multiply(BigDecimal.valueOf(3))
                .add(BigDecimal.valueOf(100)).negate();
        TreeMap<Integer, BigDecimal> actuals = new TreeMap<>();
        k.actuals().forEach((year, v) -> actuals.put(year, v.add(shift)));
        TreeMap<Integer, BigDecimal> plans = new TreeMap<>();
        k.annualTargets().forEach((year, v) -> plans.put(year, v.add(shift)));
        return new Kpi(k.municipality(), k.id(), k.project(), k.businessNo(), k.business(), k.name(), k.unit(),
                k.directionText(), k.baselineYear(), k.baseline().add(shift), k.targetYear(),
                k.finalTarget().add(shift), actuals, plans, k.note(), k.source());
    }

    @Test
    void rulesAndReferenceAgreeOnTheSeed() {
        assertEquals(73 * 4, compare(KpiCsv.read(Path.of("seeds/otaru-h30.csv")), List.of(2015, 2016, 2017, 2018))
                .size());
    }

    /** The rules as a large batch runs them: a copy for one thread at a time, its sessions not thread-safe. */
    private static final PolicyEngine BATCH = PolicyEngine.of(KpiFixture.rules());

    /**
     * Evaluates both ways, fails on the first difference, returns the rules' evaluations. The rules run twice, shared
     * and on a copy for one thread (as a batch of many files runs them), and must agree with themselves too.
     */
    private static List<Evaluation> compare(List<Kpi> kpis, List<Integer> years) {
        List<Review> reviews = new ReviewEngine(KpiFixture.rules()).evaluate(kpis, years);
        List<Review> copied = BATCH.withOwnCopy(own -> own.evaluate(kpis, years));
        assertEquals(reviews.stream().flatMap(r -> r.evaluations().stream()).map(DifferentialTest::describe).toList(),
                copied.stream().flatMap(r -> r.evaluations().stream()).map(DifferentialTest::describe).toList(),
                "the rules on a copy for one thread");
        assertEquals(reviews.stream().flatMap(r -> r.summaries().stream()).map(DifferentialTest::describe).toList(),
                copied.stream().flatMap(r -> r.summaries().stream()).map(DifferentialTest::describe).toList(),
                "the summaries on a copy for one thread");
        List<PlainReview.YearReview> plainReviews = PlainReview.review(kpis, years);
        assertEquals(plainReviews.size(), reviews.size());
        List<Evaluation> rules = reviews.stream().flatMap(r -> r.evaluations().stream()).toList();
        List<Evaluation> plain = plainReviews.stream().flatMap(r -> r.evaluations().stream()).toList();
        assertEquals(plain.size(), rules.size());
        for (int i = 0; i < rules.size(); i++) {
            Evaluation r = rules.get(i);
            Evaluation p = plain.get(i);
            assertEquals(describe(p), describe(r), () -> "KPI " + r.kpi().municipality() + " " + r.kpi().id()
                    + " FY" + r.year() + " (" + r.kpi().source() + ")");
        }
        for (int y = 0; y < reviews.size(); y++) {
            Review review = reviews.get(y);
            List<ProjectSummary> summaries = new ArrayList<>(review.summaries());
            summaries.addAll(review.overall());
            assertEquals(plainReviews.get(y).summaries().stream().map(DifferentialTest::describe).toList(),
                    summaries.stream().map(DifferentialTest::describe).toList(), "the summaries of FY" + review.year());
        }
        return rules;
    }

    /** The rules' summary, described as the reference's is. */
    private static String describe(ProjectSummary s) {
        return describe(new PlainReview.Summary(null, s.project(), s.year(), s.scoredBusinesses(), s.allBusinesses(),
                s.scoredKpis(), s.allKpis(), s.average(), s.bandCounts(), s.achieved()));
    }

    /** Every value a summary shows (the project, or 全体 for the whole). */
    private static String describe(PlainReview.Summary s) {
        return String.join(" | ", s.project() == null ? "全体" : s.project(), String.valueOf(s.year()),
                s.scoredBusinesses() + "/" + s.allBusinesses() + " 事業", s.scoredKpis() + "/" + s.allKpis() + " KPI",
                plain(s.average()), s.bandCounts().toString(), "☆ " + s.achieved());
    }

    /** Every value a report shows, exact decimals included (BigDecimal.toString keeps the scale). */
    private static String describe(Evaluation e) {
        return String.join(" | ", e.status().code(), String.valueOf(e.direction()), String.valueOf(e.referenceKind()),
                shown(e.reference()), plain(e.rawScore()), plain(e.score()),
                e.band() == null ? "-" : e.band().mark() + " " + e.band().label() + " " + e.band().lower() + " " + e.band().rank(), String.valueOf(e.achieved()));
    }

    /**
     * A reference as a value, not as digits: a straight-path target such as 2/3 of the way is a display value (the
     * main code carries 34 digits, the reference an exact fraction); the score computed from it is compared exactly.
     */
    private static String shown(BigDecimal value) {
        return value == null ? "-" : value.round(new MathContext(20)).stripTrailingZeros().toPlainString();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.toString();
    }

    /** Agreement means something only if the data reach every case the rules distinguish. */
    private static void assertCovers(List<Evaluation> all) {
        Set<String> seen = all.stream().map(e -> e.status().code()).collect(Collectors.toSet());
        assertEquals(Set.of("scored", "no_actual", "reference_equals_baseline"), seen);
        Set<String> kinds = all.stream().map(Evaluation::referenceKind).filter(Objects::nonNull)
                .map(Enum::name).collect(Collectors.toSet());
        assertEquals(Set.of("ANNUAL_TARGET", "LINEAR", "FINAL", "MAINTAIN"), kinds);
        List<Evaluation> scored = all.stream().filter(e -> e.status() == Status.SCORED).toList();
        Set<String> bands = scored.stream().map(e -> e.band().mark()).collect(Collectors.toSet());
        assertEquals(Set.of("×", "●", "○", "◎"), bands);
        for (String edge : List.of("0.00", "50.00", "100.00", "-100.00")) {
            assertTrue(scored.stream().anyMatch(e -> e.score().toPlainString().equals(edge)), "a score of " + edge);
        }
        assertTrue(scored.stream().anyMatch(e -> e.rawScore().compareTo(BigDecimal.valueOf(100)) > 0), "clamped");
        assertTrue(scored.stream().anyMatch(Evaluation::achieved), "☆");
        assertTrue(scored.stream().anyMatch(e -> e.year() > e.kpi().targetYear()), "a year after the target year");
        assertTrue(scored.stream().anyMatch(e -> e.kpi().actuals().firstKey() > e.kpi().targetYear()
                && e.referenceKind() == ReferenceKind.LINEAR), "first measured after the target year");
        assertTrue(scored.stream().anyMatch(e -> e.score().compareTo(BigDecimal.valueOf(100)) == 0
                && !e.achieved()), "◎ without ☆");
        Set<String> directions = all.stream().map(e -> e.kpi().directionText()).collect(Collectors.toSet());
        assertTrue(directions.containsAll(Set.of("↗", "↑", "▲", "↘", "→")), directions.toString());
    }
}
