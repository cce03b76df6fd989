package jp.kpireview.facts;

import java.util.List;
import jp.kpireview.domain.Direction;
import org.kie.api.definition.rule.Rule;

/**
 * One row of the direction table (方向の記号.csv): a direction (増加, 減少, 維持), the symbols that name it, written
 * with spaces between them, and which way is better. direction.drl puts the rows together into the
 * {@link DirectionSymbols}; its template (方向の記号.drt) writes a row as
 * {@code DirectionRow.of(drools.getRule(), "増加").symbols("↗ ↑ ▲").better("高いほど良い")}.
 */
public record DirectionRow(TableRow at, Direction direction, List<String> symbols, Better better) {

    public static DirectionRow of(Rule rule, String direction) {
        TableRow at = TableRow.of(rule);
        Direction named = Direction.named(direction);
        if (named == null) {
            throw new TableValueException(at, "of", "方向 '" + direction + "' は 増加・減少・維持 のどれかです"
                    + " (a direction is 増加, 減少 or 維持)");
        }
        return new DirectionRow(at, named, List.of(), null);
    }

    /** The symbols, with spaces (or 全角 spaces) between them. */
    public DirectionRow symbols(String symbols) {
        return new DirectionRow(at, direction, TableRow.words(symbols), better);
    }

    public DirectionRow better(String way) {
        Better named = Better.named(way);
        if (named == null) {
            throw new TableValueException(at, "better", "'" + way + "' は 高いほど良い か 低いほど良い です (which way"
                    + " is better: 高いほど良い or 低いほど良い)");
        }
        return new DirectionRow(at, direction, symbols, named);
    }
}
