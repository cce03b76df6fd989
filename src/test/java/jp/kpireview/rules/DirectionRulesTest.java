package jp.kpireview.rules;

import static jp.kpireview.rules.KpiFixture.kpi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Direction;
import jp.kpireview.domain.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** rules/direction.drl */
class DirectionRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"↗", "↑", "▲", "increase", "増加"})
    void directionIncreaseFiresForEveryIncreaseSymbol(String symbol) {
        Evaluation e = kpi(symbol).actual("5").evaluate();
        assertEquals(Direction.INCREASE, e.direction());
        assertTrue(e.firedRules().contains("Direction increase"));
    }

    @Test
    void directionIncreaseDoesNotFireForDecrease() {
        assertFalse(kpi("↘").target("-10").actual("-5").evaluate().firedRules().contains("Direction increase"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"↘", "↓", "▼", "decrease", "減少"})
    void directionDecreaseFiresForEveryDecreaseSymbol(String symbol) {
        Evaluation e = kpi(symbol).baseline("20").target("10").actual("15").evaluate();
        assertEquals(Direction.DECREASE, e.direction());
        assertTrue(e.firedRules().contains("Direction decrease"));
    }

    @Test
    void directionDecreaseDoesNotFireForIncrease() {
        assertFalse(kpi("↗").actual("5").evaluate().firedRules().contains("Direction decrease"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"→", "maintain", "維持"})
    void directionMaintainFiresForEveryMaintainSymbol(String symbol) {
        Evaluation e = kpi(symbol).baseline("96.5").target("96.5").unit("%").actual("96.2").evaluate();
        assertEquals(Direction.MAINTAIN, e.direction());
        assertTrue(e.firedRules().contains("Direction maintain"));
    }

    @Test
    void directionMaintainDoesNotFireForIncrease() {
        assertFalse(kpi("↗").actual("5").evaluate().firedRules().contains("Direction maintain"));
    }

    @Test
    void unknownDirectionIsALocatedDataError() {
        DataException error = assertThrows(DataException.class, () -> kpi("up").actual("5").evaluate());
        assertEquals(1, error.problems().size());
        assertTrue(error.getMessage().startsWith("test.csv:2: direction: unknown direction 'up'"),
                error.getMessage());
    }

    @Test
    void unknownDirectionIsReportedEvenWithoutAnActual() {
        assertThrows(DataException.class, () -> kpi("?").evaluate());
    }

    @Test
    void unknownDirectionDoesNotFireForAKnownSymbol() {
        assertFalse(kpi("▲").actual("5").evaluate().firedRules().contains("Unknown direction"));
    }
}
