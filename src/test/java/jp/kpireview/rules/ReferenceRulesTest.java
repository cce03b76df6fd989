package jp.kpireview.rules;

import static jp.kpireview.rules.KpiFixture.kpi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.ReferenceKind;
import org.junit.jupiter.api.Test;

/** rules/reference.drl, with rows of the published Otaru FY2018 table where one shows the case. */
class ReferenceRulesTest {

    @Test
    void finalTargetWhenBehindTheBaselineFiresForOtaru4() {
        // #4: 5件 → 2件, target 6件: behind the baseline, so measured against the final target.
        Evaluation e = kpi("↗").baseline("5").target("6").actual(2015, "4").actual(2016, "5").actual(2017, "3")
                .actual(2018, "2").evaluate();
        Fired.fired(e, "基準未満は目標値と比べる");
        assertReference(e, ReferenceKind.FINAL, "6");
        assertEquals(new BigDecimal("-300.00"), e.rawScore());
    }

    @Test
    void finalTargetWhenBehindTheBaselineFiresForADecreaseKpiThatRose() {
        // #6: 交通事故件数 213 → 220 (↘), target 180.
        Evaluation e = kpi("↘").baseline("213").target("180").actual("220").evaluate();
        assertReference(e, ReferenceKind.FINAL, "180");
        assertEquals(new BigDecimal("-21.21"), e.rawScore());
    }

    @Test
    void finalTargetWhenBehindTheBaselineDoesNotFireAtTheBaseline() {
        // #40: 1,000人 → 1,000人: not behind, so the annual target applies (score 0.00).
        Evaluation e = kpi("▲").baseline("1000").target("1500").actual("1000").evaluate();
        Fired.notFired(e, "基準未満は目標値と比べる");
        assertEquals(new BigDecimal("0.00"), e.rawScore());
    }

    @Test
    void annualTargetSetByTheCityFiresWhenThereIsAPlan() {
        // #10: 2件 → 4件, the city's annual target 3.6 gives the published 125.00.
        Evaluation e = kpi("↗").baseline("2").target("4").annualTarget("3.6").actual("4").evaluate();
        Fired.fired(e, "市の年度目標値と比べる");
        assertReference(e, ReferenceKind.ANNUAL_TARGET, "3.6");
        assertEquals(new BigDecimal("125.00"), e.rawScore());
    }

    @Test
    void annualTargetSetByTheCityDoesNotFireBehindTheBaseline() {
        Evaluation e = kpi("↗").baseline("5").target("6").annualTarget("5.8").actual("2").evaluate();
        Fired.notFired(e, "市の年度目標値と比べる");
        assertReference(e, ReferenceKind.FINAL, "6");
    }

    @Test
    void linearAnnualTargetFiresForAPercentage() {
        // #16: 50.6% → 54.0%, target 70.0%: step 4 of 5 gives 66.12 (not rounded), raw 21.91.
        Evaluation e = kpi("↑").unit("%").baseline("50.6").target("70.0").actual("54.0").evaluate();
        Fired.fired(e, "道筋の年度目標");
        assertReference(e, ReferenceKind.LINEAR, "66.12");
        assertEquals(new BigDecimal("21.91"), e.rawScore());
    }

    @Test
    void linearAnnualTargetDoesNotFireForACount() {
        Evaluation e = kpi("↗").baseline("18").target("48").actual("34").evaluate();
        Fired.notFired(e, "道筋の年度目標");
    }

    @Test
    void linearAnnualTargetOfACountRoundsHalfUp() {
        // #3: first actual in FY2016, so FY2018 is step 3 of 4: 22.5件 rounds to 23件; 7/23 = 30.43.
        Evaluation e = kpi("↗").baseline("0").target("30").actual(2016, "5").actual(2017, "9").actual(2018, "7")
                .evaluate();
        Fired.fired(e, "件数の道筋の年度目標");
        assertReference(e, ReferenceKind.LINEAR, "23");
        assertEquals(new BigDecimal("30.43"), e.rawScore());
    }

    @Test
    void linearAnnualTargetOfACountFollowsADecreasingPath() {
        // #8a: 1,199件 → 429件 (↘), target 830件: 903.8 rounds to 904; raw 261.02.
        Evaluation e = kpi("↘").baseline("1199").target("830").actual("429").evaluate();
        assertReference(e, ReferenceKind.LINEAR, "904");
        assertEquals(new BigDecimal("261.02"), e.rawScore());
    }

    @Test
    void linearAnnualTargetOfACountDoesNotFireForAPercentage() {
        Evaluation e = kpi("↑").unit("%").baseline("50").target("70").actual("54").evaluate();
        Fired.notFired(e, "件数の道筋の年度目標");
    }

    @Test
    void linearPathStaysOnTheFinalTargetAfterTheTargetYear() {
        Evaluation e = kpi("↗").baseline("0").target("10").actual(2015, "1").actual(2021, "5")
                .evaluateFor(2021);
        assertReference(e, ReferenceKind.LINEAR, "10");
    }

    /** First measured only after the target year (FY2019): a path of one step, to the target itself. */
    @Test
    void linearPathOfAKpiFirstMeasuredAfterItsTargetYearIsTheTarget() {
        Evaluation e = kpi("↗").unit("%").baseline("0").target("10").actual(2021, "5").evaluateFor(2021);
        assertReference(e, ReferenceKind.LINEAR, "10");
        assertEquals("50.00", e.score().toPlainString());
        Evaluation count = kpi("↗").baseline("0").target("10").actual(2020, "4").evaluateFor(2020);
        assertReference(count, ReferenceKind.LINEAR, "10");
    }

    @Test
    void maintainToleranceFloorFiresForAMaintainKpi() {
        // #25: 96.5% → 96.2% (→): floor 91.675, score (96.2 − 91.675) / 4.825 = 93.78, band ○ as published.
        Evaluation e = kpi("→").unit("%").baseline("96.5").target("96.5").actual("96.2").evaluate();
        Fired.fired(e, "許容幅による維持の下限");
        assertReference(e, ReferenceKind.MAINTAIN, "96.5");
        assertEquals(new BigDecimal("93.78"), e.rawScore());
        assertEquals("○", e.band().mark());
    }

    @Test
    void maintainToleranceFloorDoesNotFireForAnIncreaseKpi() {
        Evaluation e = kpi("↗").unit("%").baseline("96.5").target("98").actual("96.2").evaluate();
        Fired.notFired(e, "許容幅による維持の下限");
    }

    private static void assertReference(Evaluation e, ReferenceKind kind, String value) {
        assertEquals(kind, e.referenceKind());
        assertEquals(0, new BigDecimal(value).compareTo(e.reference()), () -> "reference " + e.reference());
    }
}
