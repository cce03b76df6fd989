package jp.kpireview.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Kpi;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the published Otaru FY2018 table text (seeds/otaru-h30-published.txt). */
class PublishedTableParserTest {

    private static final Path SEED = Path.of("seeds/otaru-h30-published.txt");
    private static final PublishedTable TABLE = PublishedTableParser.parse(SEED, KpiFixture.symbols());
    private static final Map<String, Kpi> KPIS =
            TABLE.kpis().stream().collect(Collectors.toMap(Kpi::id, Function.identity()));
    private static final Map<String, PublishedScore> SCORES =
            TABLE.scores().stream().collect(Collectors.toMap(PublishedScore::kpiId, Function.identity()));

    @TempDir
    Path dir;

    @Test
    void readsAllKpisBusinessesAndProjects() {
        assertEquals(2018, TABLE.year());
        assertEquals(73, TABLE.kpis().size());
        assertEquals(62, TABLE.kpis().stream().map(Kpi::businessNo).distinct().count());
        assertEquals(List.of("(1) あずまい暮らしプロジェクト", "(2) 樽っ子プライド育成プロジェクト", "(3) にぎわい再生プロジェクト",
                "(4) あんしん絆再生プロジェクト"), TABLE.kpis().stream().map(Kpi::project).distinct().toList());
        assertEquals(70, TABLE.scores().stream().filter(s -> s.score() != null).count());
        assertEquals(List.of("28a", "28b", "49"),
                TABLE.scores().stream().filter(s -> s.score() == null).map(PublishedScore::kpiId).toList());
    }

    @Test
    void readsADecreaseRowWithUnitsSeparatorsAndMarks() {
        Kpi k = KPIS.get("8a");
        assertEquals("市民の声「除雪依頼」件数", k.name());
        assertEquals("件", k.unit());
        assertEquals("↘", k.directionText());
        assertEquals(2014, k.baselineYear());
        assertEquals(2019, k.targetYear());
        assertEquals(new BigDecimal("1199"), k.baseline());
        assertEquals(new BigDecimal("830"), k.finalTarget());
        assertEquals(Map.of(2015, new BigDecimal("488"), 2016, new BigDecimal("836"), 2017, new BigDecimal("639"),
                2018, new BigDecimal("429")), k.actuals());
        PublishedScore s = SCORES.get("8a");
        assertEquals(new BigDecimal("261.02"), s.rawScore());
        assertEquals(new BigDecimal("100.00"), s.score());
        assertEquals("◎", s.band());
        assertTrue(s.achieved());
    }

    @Test
    void readsTheRowShiftedByOneCell() {
        Kpi k = KPIS.get("28b");
        assertEquals(new BigDecimal("34.4"), k.baseline());
        assertEquals(Map.of(2016, new BigDecimal("19.3")), k.actuals());
        assertEquals(new BigDecimal("45"), k.finalTarget());
        assertEquals("↗", k.directionText());
        assertEquals("%", k.unit());
        assertNull(SCORES.get("28b").score());
        assertNull(SCORES.get("28b").band());
        assertFalse(SCORES.get("28b").achieved());
    }

    @Test
    void readsLargeValuesAndValuesWithoutUnit() {
        assertEquals(new BigDecimal("54886770"), KPIS.get("9b").baseline());
        assertEquals("円", KPIS.get("9b").unit());
        assertEquals(new BigDecimal("118.7"), KPIS.get("50a").baseline());
        assertEquals("", KPIS.get("50a").unit());
        assertEquals("千t", KPIS.get("33").unit());
        assertEquals("万円", KPIS.get("31b").unit());
    }

    @Test
    void removesTheSpacesThatLineWrapsLeftInNames() {
        assertEquals("まちなか観光にぎわいづくり事業", KPIS.get("41").business());
        assertEquals("北しりべし6市町村の外国人宿泊客数", KPIS.get("48").name());
    }

    @Test
    void readsAllThreeIncreaseSymbolsAndTheMaintainRows() {
        assertEquals("↗", KPIS.get("1").directionText());
        assertEquals("↑", KPIS.get("12a").directionText());
        assertEquals("▲", KPIS.get("31a").directionText());
        assertEquals(List.of("25", "26", "59"), TABLE.kpis().stream().filter(k -> k.directionText().equals("→"))
                .map(Kpi::id).toList());
    }

    @Test
    void readsThePrintedSummariesIncludingOneSpreadOverLines() {
        PublishedSummary first = TABLE.summaries().get(0);
        assertEquals(List.of(11, 11, 16, 16, 3), List.of(first.scoredBusinesses(), first.allBusinesses(),
                first.scoredKpis(), first.allKpis(), first.achieved()));
        assertEquals(new BigDecimal("40.90"), first.average());
        assertEquals(Map.of("×", 3, "●", 3, "○", 5, "◎", 3), first.bandCounts());
        PublishedSummary last = TABLE.summaries().get(3);
        assertEquals("(4) あんしん絆再生プロジェクト", last.project());
        assertEquals(List.of(13, 14, 14, 15, 0), List.of(last.scoredBusinesses(), last.allBusinesses(),
                last.scoredKpis(), last.allKpis(), last.achieved()));
        assertEquals(new BigDecimal("-14.34"), last.average());
        assertEquals(List.of(7, 3, 3, 1), List.copyOf(last.bandCounts().values()));
    }

    @Test
    void aBrokenValueNamesFileLineAndColumn() throws IOException {
        Path broken = dir.resolve("broken.txt");
        Files.writeString(broken, Files.readString(SEED).replace("1,199件", "1,1x9件"));
        DataException e = assertThrows(DataException.class, () -> PublishedTableParser.parse(broken, KpiFixture.symbols()));
        assertEquals(broken + ":16: 基準値(H26): '1,1x9件' is not a value such as 1,199件, 75.9% or —", e.getMessage());
    }

    @Test
    void aRowWithoutDirectionSymbolIsLocated() throws IOException {
        Path broken = dir.resolve("broken.txt");
        Files.writeString(broken, Files.readString(SEED).replace("\t-300.00\t-100.00\t↗\t", "\t-300.00\t-100.00\t?\t"));
        DataException e = assertThrows(DataException.class, () -> PublishedTableParser.parse(broken, KpiFixture.symbols()));
        assertTrue(e.getMessage().startsWith(broken + ":10: 方向: no direction symbol"), e.getMessage());
    }

    @Test
    void publishedCsvRoundTripGivesTheSameRecords() {
        Path scores = dir.resolve("scores.csv");
        Path summaries = dir.resolve("summaries.csv");
        PublishedCsv.writeScores(scores, TABLE.scores());
        PublishedCsv.writeSummaries(summaries, TABLE.summaries());
        assertEquals(strip(TABLE.scores()), strip(PublishedCsv.readScores(scores)));
        List<PublishedSummary> again = PublishedCsv.readSummaries(summaries);
        for (int i = 0; i < again.size(); i++) {
            PublishedSummary a = TABLE.summaries().get(i);
            PublishedSummary b = again.get(i);
            assertEquals(List.of(a.project(), a.year(), a.scoredBusinesses(), a.allBusinesses(), a.scoredKpis(),
                    a.allKpis(), a.average(), a.bandCounts(), a.achieved()), List.of(b.project(), b.year(),
                    b.scoredBusinesses(), b.allBusinesses(), b.scoredKpis(), b.allKpis(), b.average(), b.bandCounts(),
                    b.achieved()));
        }
    }

    /** The records without their source line, which differs between the text and the CSV. */
    private static List<List<Object>> strip(List<PublishedScore> scores) {
        return scores.stream().map(s -> java.util.Arrays.<Object>asList(s.kpiId(), s.year(), s.rawScore(), s.score(),
                s.band(), s.achieved())).toList();
    }
}
