package jp.kpireview.rules;

import static jp.kpireview.rules.KpiFixture.kpi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Direction;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.rulebase.RuleSetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** rules/direction.drl */
class DirectionRulesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"↗", "↑", "▲", "increase", "増加"})
    void everyIncreaseSymbolMeansIncrease(String symbol) {
        Evaluation e = kpi(symbol).actual("5").evaluate();
        assertEquals(Direction.INCREASE, e.direction());
        Fired.fired(e, "記号の示す方向");
    }

    @ParameterizedTest
    @ValueSource(strings = {"↘", "↓", "▼", "decrease", "減少"})
    void everyDecreaseSymbolMeansDecrease(String symbol) {
        Evaluation e = kpi(symbol).baseline("20").target("10").actual("15").evaluate();
        assertEquals(Direction.DECREASE, e.direction());
    }

    @ParameterizedTest
    @ValueSource(strings = {"→", "maintain", "維持"})
    void everyMaintainSymbolMeansMaintain(String symbol) {
        Evaluation e = kpi(symbol).baseline("96.5").target("96.5").unit("%").actual("96.2").evaluate();
        assertEquals(Direction.MAINTAIN, e.direction());
    }

    @Test
    void directionOfTheSymbolDoesNotFireForAnUnknownSymbol() {
        DataException error = assertThrows(DataException.class, () -> kpi("up").actual("5").evaluate());
        assertTrue(error.getMessage().contains("unknown direction"), error.getMessage());
    }

    @Test
    void aSymbolCannotNameTwoDirections() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir, text -> text.replace("↘ ↓", "↘ ↑"));
        RuleSetException e = assertThrows(RuleSetException.class,
                () -> new ReviewEngine(RuleBase.load(rules)).evaluate(List.of(kpi("↗").actual("5").build()), 2018));
        assertEquals(rules.resolve("方向の記号.csv") + ":3: 「記号 (空白で区切る)」(B列): 記号 ↑ は 増加 と 減少 の両方を"
                + "指しています (the symbol ↑ names both INCREASE and DECREASE)", e.getMessage());
    }

    @Test
    void unknownDirectionIsALocatedDataError() {
        DataException error = assertThrows(DataException.class, () -> kpi("up").actual("5").evaluate());
        assertEquals(1, error.problems().size());
        assertEquals("test.csv:2: direction: 方向の記号 'up' は方針の表にありません: ↗ ↑ ▲ increase 増加 以上 (増加); "
                + "↘ ↓ ▼ decrease 減少 以下 (減少); → maintain 維持 (維持) のどれかを書きます (unknown direction 'up')",
                error.getMessage());
    }

    @Test
    void unknownDirectionIsReportedEvenWithoutAnActual() {
        assertThrows(DataException.class, () -> kpi("?").evaluate());
    }

    @Test
    void noDirectionIsALocatedDataError() {
        DataException error = assertThrows(DataException.class, () -> kpi("").actual("5").evaluate());
        assertEquals(1, error.problems().size(), error.getMessage());
        assertEquals("test.csv:2: direction: 方向の記号がありません: ↗ ↘ → などを書くか、方向を決めるルールを方針に足してください"
                + " (the KPI has no direction)", error.getMessage());
    }

    @Test
    void noDirectionDoesNotFireForASymbol() {
        Fired.notFired(kpi("▲").actual("5").evaluate(), "方向の記号なし");
    }

    @Test
    void unknownDirectionDoesNotFireForAKnownSymbol() {
        Fired.notFired(kpi("▲").actual("5").evaluate(), "表にない方向の記号");
    }
}
