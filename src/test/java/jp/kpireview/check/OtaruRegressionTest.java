package jp.kpireview.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.Review;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.importer.PublishedTable;
import jp.kpireview.importer.PublishedTableParser;
import jp.kpireview.io.KpiCsv;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;

/**
 * The published Otaru FY2018 (H30) table is the first regression suite: the rules must reproduce it. The expected
 * side is parsed straight from the published text, so nothing of our own output is compared with itself.
 */
class OtaruRegressionTest {

    private static final Path DATA = Path.of("seeds/otaru-h30.csv");
    private static final PublishedTable PUBLISHED = PublishedTableParser.parse(Path.of("seeds/otaru-h30-published.txt"), KpiFixture.symbols());

    private static RegressionCheck.Result check(List<Kpi> kpis) {
        Review review = new ReviewEngine(KpiFixture.rules()).evaluate(kpis, PUBLISHED.year());
        return RegressionCheck.run(review, PUBLISHED.scores(), PUBLISHED.summaries());
    }

    @Test
    void rulesReproduceThePublishedTable() {
        RegressionCheck.Result result = check(KpiCsv.read(DATA));
        assertEquals(List.of(), result.differences());
        assertTrue(result.verdict().startsWith("raw 67/67 (derived 54/54, annual target 13/13) · maintain 3/3 band-only"),
                result.verdict());
        assertTrue(result.verdict().contains("· band 70/70 · ☆ 70/70 · unscored 3/3 · summaries 4/4"),
                result.verdict());
        assertTrue(result.passed());
    }

    @Test
    void maintainRowsShowTheirRawDifference() {
        // Tolerance floor 5 % below the target: 93.78 vs 94.82, 106.12 vs 131.58, 86.84 vs 86.67.
        assertTrue(check(KpiCsv.read(DATA)).verdict().contains("(raw Δ 25 -1.04, 26 -25.46, 59 +0.17)"));
    }

    @Test
    void projectOnesPrintedCountsAreReportedAsInconsistentWithItsRows() {
        assertEquals(List.of("(1) あずまい暮らしプロジェクト: printed ● 3, but its rows hold 5"),
                check(KpiCsv.read(DATA)).inconsistencies());
    }

    @Test
    void theDerivedMethodAloneReproduces54Of67RawScoresAnd67Of70Bands() {
        RegressionCheck.Result result = check(KpiCsv.read(DATA).stream().map(Kpi::withoutAnnualTargets).toList());
        assertTrue(result.verdict().startsWith("raw 54/67 (derived 54/67, annual target 0/0)"), result.verdict());
        assertTrue(result.verdict().contains("· band 67/70 ·"), result.verdict());
        assertFalse(result.passed());
        assertTrue(result.differences().stream().anyMatch(d -> d.startsWith("9a: raw")), result.differences()::toString);
    }
}
