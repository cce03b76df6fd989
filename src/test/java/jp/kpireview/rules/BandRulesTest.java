package jp.kpireview.rules;

import static jp.kpireview.rules.KpiFixture.kpi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.rulebase.RuleSetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rules/bands.drl */
class BandRulesTest {

    /** A plan of 100 from a baseline of 0 makes the score equal to the actual. */
    private static Evaluation scored(String score) {
        return kpi("↗").unit("%").baseline("0").target("200").annualTarget("100").actual(score).evaluate();
    }

    @ParameterizedTest(name = "score {0} is {1}")
    // -0 and -0.0 are zero: every number the rules see is a BigDecimal, which has no negative zero
    @CsvSource({"-100, ×", "-0.01, ×", "-0.0, ●", "-0, ●", "0, ●", "0.00, ●", "49.99, ●", "50, ○", "50.00, ○", "99.99, ○", "100, ◎",
        "100.00, ◎", "1000, ◎"})
    void bandOfTheScoreFollowsTheEdgesIncludingTheEdgeItself(String score, String mark) {
        Evaluation e = scored(score);
        Fired.fired(e, "スコアの区分");
        assertEquals(mark, e.band().mark());
    }

    @Test
    void bandOfTheScoreDoesNotFireForAnUnscoredKpi() {
        Evaluation e = kpi("↗").unit("%").baseline("0").target("100").actual(2017, "5").evaluate();
        Fired.notFired(e, "スコアの区分");
        assertNull(e.band());
    }

    @Test
    void bandScaleWhoseEdgesDoNotRiseIsRefusedNamingItsTableRowAndColumn(@TempDir Path dir) throws IOException {
        for (String name : List.of("direction.drl", "reference.drl", "score.drl", "achievement.drl", "bands.drl",
                "スコアの範囲.csv", "スコアの範囲.drt", "区分表.drt")) {
            Files.copy(Path.of("rules", name), dir.resolve(name));
        }
        Files.writeString(dir.resolve("区分表.csv"),
                Files.readString(Path.of("rules/区分表.csv")).replace("◎,100,", "◎,40,"));
        ReviewEngine engine = new ReviewEngine(RuleBase.load(dir));
        RuleSetException e = assertThrows(RuleSetException.class,
                () -> engine.evaluate(List.of(kpi("↗").actual("1").build()), KpiFixture.YEAR));
        assertEquals(dir.resolve("区分表.csv") + ":5: 「下限」(B列): 区分 ◎ の境界値 40 が前の境界値 50 より"
                + "大きくありません (edges must rise)", e.getMessage());
    }

    @Test
    void bandScaleDefinesTheFourPublishedBandsInOrder() {
        List<Band> bands = new ReviewEngine(KpiFixture.rules()).evaluate(List.of(kpi("↗").actual("1").build()),
                KpiFixture.YEAR).bands();
        assertEquals(List.of("×", "●", "○", "◎"), bands.stream().map(Band::mark).toList());
        assertEquals(List.of("基準未満", "0~50", "50~100", "100以上"), bands.stream().map(Band::label).toList());
    }
}
