package jp.kpireview.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.Status;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.generate.DataGenerator;
import jp.kpireview.io.KpiCsv;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;

/** The rules and the plain-Java reference must conclude the same, value for value, on generated data. */
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

    @Test
    void rulesAndReferenceAgreeOnTheSeed() {
        assertEquals(73 * 4, compare(KpiCsv.read(Path.of("seeds/otaru-h30.csv")), List.of(2015, 2016, 2017, 2018))
                .size());
    }

    /** Evaluates both ways, fails on the first difference, returns the rules' evaluations. */
    private static List<Evaluation> compare(List<Kpi> kpis, List<Integer> years) {
        List<Evaluation> rules = new ReviewEngine(KpiFixture.rules()).evaluate(kpis, years).stream()
                .flatMap(r -> r.evaluations().stream()).toList();
        List<Evaluation> plain = PlainReview.evaluate(kpis, years);
        for (int i = 0; i < rules.size(); i++) {
            Evaluation r = rules.get(i);
            Evaluation p = plain.get(i);
            assertEquals(describe(p), describe(r), () -> "KPI " + r.kpi().municipality() + " " + r.kpi().id()
                    + " FY" + r.year() + " (" + r.kpi().source() + ")");
        }
        return rules;
    }

    /** Every value a report shows, exact decimals included (BigDecimal.toString keeps the scale). */
    private static String describe(Evaluation e) {
        return String.join(" | ", e.status().code(), String.valueOf(e.direction()), String.valueOf(e.referenceKind()),
                plain(e.reference()), plain(e.rawScore()), plain(e.score()),
                e.band() == null ? "-" : e.band().toString(), String.valueOf(e.achieved()));
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
        assertEquals(Set.of("PLAN", "LINEAR", "FINAL", "MAINTAIN"), kinds);
        List<Evaluation> scored = all.stream().filter(e -> e.status() == Status.SCORED).toList();
        Set<String> bands = scored.stream().map(e -> e.band().mark()).collect(Collectors.toSet());
        assertEquals(Set.of("×", "●", "○", "◎"), bands);
        for (String edge : List.of("0.00", "50.00", "100.00", "-100.00")) {
            assertTrue(scored.stream().anyMatch(e -> e.score().toPlainString().equals(edge)), "a score of " + edge);
        }
        assertTrue(scored.stream().anyMatch(e -> e.rawScore().compareTo(BigDecimal.valueOf(100)) > 0), "clamped");
        assertTrue(scored.stream().anyMatch(Evaluation::achieved), "☆");
        assertTrue(scored.stream().anyMatch(e -> e.score().compareTo(BigDecimal.valueOf(100)) == 0
                && !e.achieved()), "◎ without ☆");
        Set<String> directions = all.stream().map(e -> e.kpi().directionText()).collect(Collectors.toSet());
        assertTrue(directions.containsAll(Set.of("↗", "↑", "▲", "↘", "→")), directions.toString());
    }
}
