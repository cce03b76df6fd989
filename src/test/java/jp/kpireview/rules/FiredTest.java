package jp.kpireview.rules;

import static jp.kpireview.rules.KpiFixture.kpi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jp.kpireview.domain.Evaluation;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The test of the tests: a rule name the compiled rules do not have fails, whether it is said to fire or not. */
class FiredTest {

    @Test
    void aRuleTheRulesHaveIsAccepted() {
        assertEquals("補正前スコア", Fired.known("補正前スコア"));
    }

    @Test
    void aRenamedRuleFailsEvenWhereItIsSaidNotToFire() {
        Evaluation e = kpi("↗").actual("5").evaluate();
        AssertionFailedError error = assertThrows(AssertionFailedError.class, () -> Fired.notFired(e, "補正前のスコア"));
        assertEquals(true, error.getMessage().contains("no rule named '補正前のスコア'"), error.getMessage());
        assertThrows(AssertionFailedError.class, () -> Fired.fired(e, "補正前のスコア"));
    }
}
