package jp.kpireview.rules;

import static jp.kpireview.rules.KpiFixture.kpi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jp.kpireview.domain.Evaluation;
import org.junit.jupiter.api.Test;

/** rules/achievement.drl */
class AchievementRulesTest {

    private static final String RULE = "目標値に達した ☆";

    @Test
    void firesWhenAnIncreaseKpiReachesItsFinalTarget() {
        // #17: 67人 → 118人, target 100人.
        Evaluation e = kpi("↑").baseline("67").target("100").actual("118").evaluate();
        Fired.fired(e, RULE);
        assertTrue(e.achieved());
    }

    @Test
    void firesExactlyAtTheFinalTarget() {
        // #10: 2件 → 4件 = target 4件.
        assertTrue(kpi("↗").baseline("2").target("4").actual("4").evaluate().achieved());
    }

    @Test
    void firesWhenADecreaseKpiFallsToItsFinalTarget() {
        // #8a: 1,199件 → 429件, target 830件 (↘).
        assertTrue(kpi("↘").baseline("1199").target("830").actual("429").evaluate().achieved());
    }

    @Test
    void doesNotFireWhenOnlyTheAnnualTargetIsMet() {
        // #12a: 87.2% ≥ the annual target but < 90.0%: ◎ without ☆.
        Evaluation e = kpi("↑").unit("%").baseline("75.9").target("90.0").annualTarget("87.17").actual("87.2").evaluate();
        assertEquals("◎", e.band().mark());
        Fired.notFired(e, RULE);
        assertFalse(e.achieved());
    }

    @Test
    void doesNotFireForADecreaseKpiAboveItsTarget() {
        assertFalse(kpi("↘").baseline("213").target("180").actual("181").evaluate().achieved());
    }

    @Test
    void firesForAMaintainKpiAtOrAboveItsTarget() {
        // #26: 98.1% → 98.4% (→) is ☆; #25: 96.5% → 96.2% is not.
        assertTrue(kpi("→").unit("%").baseline("98.1").target("98.1").actual("98.4").evaluate().achieved());
        assertFalse(kpi("→").unit("%").baseline("96.5").target("96.5").actual("96.2").evaluate().achieved());
    }
}
