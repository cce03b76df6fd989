package jp.kpireview.rules;

import static jp.kpireview.rules.KpiFixture.kpi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Status;
import org.junit.jupiter.api.Test;

/** rules/score.drl */
class ScoreRulesTest {

    @Test
    void noActualForTheYearFiresWithoutAnActual() {
        // #49: 特定検診受診率 has actuals up to FY2017 and — for FY2018.
        Evaluation e = kpi("↗").unit("%").baseline("15.5").target("40.0").actual(2017, "18.0").evaluate();
        Fired.fired(e, "その年の実績なし");
        assertEquals(Status.NO_ACTUAL, e.status());
        assertNull(e.score());
        assertNull(e.band());
        assertFalse(e.achieved());
    }

    @Test
    void noActualForTheYearDoesNotFireWithAnActual() {
        Fired.notFired(kpi("↗").actual("5").evaluate(), "その年の実績なし");
    }

    @Test
    void rawScoreFiresAndRoundsHalfUpToTwoDecimals() {
        // #1: 18棟 → 34棟, annual target 42棟: 16/24 = 66.666… → 66.67.
        Evaluation e = kpi("↗").baseline("18").target("48").actual("34").evaluate();
        Fired.fired(e, "補正前スコア");
        assertEquals(new BigDecimal("66.67"), e.rawScore());
        assertEquals(Status.SCORED, e.status());
    }

    @Test
    void rawScoreDoesNotFireWhenTheReferenceEqualsTheBaseline() {
        Fired.notFired(kpi("↗").baseline("5").target("5").actual("6").evaluate(), "補正前スコア");
    }

    @Test
    void referenceEqualsBaselineFiresInsteadOfDividingByZero() {
        Evaluation e = kpi("↗").baseline("5").target("5").actual("6").evaluate();
        Fired.fired(e, "基準が基準値と同じ");
        assertEquals(Status.REFERENCE_EQUALS_BASELINE, e.status());
        assertNull(e.score());
        assertNull(e.band());
    }

    @Test
    void referenceEqualsBaselineFiresForAPlanAtTheBaseline() {
        Evaluation e = kpi("↗").baseline("5").target("9").annualTarget("5.0").actual("6").evaluate();
        assertEquals(Status.REFERENCE_EQUALS_BASELINE, e.status());
    }

    @Test
    void referenceEqualsBaselineDoesNotFireForAnOrdinaryKpi() {
        Fired.notFired(kpi("↗").actual("5").evaluate(), "基準が基準値と同じ");
    }

    @Test
    void clampLimitsAHighRawScoreTo100() {
        // #8b: raw 890.00 → score 100.00.
        Evaluation e = kpi("↘").baseline("498").target("460").actual("231").evaluate();
        Fired.fired(e, "スコアの範囲に収める");
        assertEquals(new BigDecimal("890.00"), e.rawScore());
        assertEquals(new BigDecimal("100.00"), e.score());
    }

    @Test
    void clampLimitsALowRawScoreToMinus100() {
        // #54: 485人 → 395人, target 494人: raw −1000.00 → score −100.00.
        Evaluation e = kpi("↗").baseline("485").target("494").actual("395").evaluate();
        assertEquals(new BigDecimal("-1000.00"), e.rawScore());
        assertEquals(new BigDecimal("-100.00"), e.score());
    }

    @Test
    void clampLeavesAScoreWithinTheLimitsUnchanged() {
        Evaluation e = kpi("↗").baseline("18").target("48").actual("34").evaluate();
        assertEquals(e.rawScore(), e.score());
    }

    @Test
    void clampDoesNotFireWithoutARawScore() {
        Fired.notFired(kpi("↗").baseline("5").target("5").actual("6").evaluate(), "スコアの範囲に収める");
    }
}
