package jp.kpireview.facts;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import jp.kpireview.domain.Direction;

/**
 * Which symbols name which direction, written in the direction table (rules/方向の記号.csv). One table, so each symbol is written once and
 * a symbol that names no direction is known to be unknown without comparing it against every list.
 */
public final class DirectionSymbols {

    private final Map<String, Direction> directions = new LinkedHashMap<>();
    private final Map<Direction, Better> better = new EnumMap<>(Direction.class);

    private DirectionSymbols() {
    }

    /**
     * The table the direction table's rows (方向の記号.csv) make, in the table's order: a symbol written in two rows,
     * or a direction written with both ways better, is reported at its row and column.
     */
    public static DirectionSymbols of(java.util.Collection<?> tableRows) {
        DirectionSymbols symbols = new DirectionSymbols();
        tableRows.stream().map(DirectionRow.class::cast).sorted(java.util.Comparator.comparingInt(r -> r.at().row()))
                .forEach(row -> {
                    if (row.symbols().isEmpty()) {
                        throw new TableValueException(row.at(), "symbols", "方向 " + row.direction().japanese()
                                + " に記号がありません (no symbol names this direction)");
                    }
                    symbols.add(row.direction(), row.better(), row.symbols(), row.at());
                });
        return symbols;
    }

    /** The symbols that name {@code direction}, and which way is better for KPIs of that direction. */
    public static DirectionSymbols of(Direction direction, Better way, String... symbols) {
        return new DirectionSymbols().and(direction, way, symbols);
    }

    public DirectionSymbols and(Direction direction, Better way, String... symbols) {
        return add(direction, way, List.of(symbols), TableRow.NONE);
    }

    /** One direction's symbols and better way: a conflict with those before is refused, at the table row if any. */
    private DirectionSymbols add(Direction direction, Better way, List<String> symbols, TableRow at) {
        Better written = better.putIfAbsent(direction, way);
        if (written != null && written != way) {
            throw at.refused("better", "方向 " + direction.japanese() + " は前に「" + written.japanese() + "」と書かれて"
                    + "います (" + direction + " is written both " + written + " and " + way + " is better)");
        }
        for (String symbol : symbols) {
            Direction earlier = directions.putIfAbsent(symbol, direction);
            if (earlier != null) {
                throw at.refused("symbols", "記号 " + symbol + " は " + earlier.japanese() + " と "
                        + direction.japanese() + " の両方を指しています (the symbol " + symbol + " names both "
                        + earlier + " and " + direction + ")");
            }
        }
        return this;
    }

    /** The symbols that name {@code direction}, as written. */
    public List<String> symbolsOf(Direction direction) {
        return directions.entrySet().stream().filter(e -> e.getValue() == direction).map(Map.Entry::getKey).toList();
    }

    /** Every symbol that names a direction. */
    public Set<String> getSymbols() {
        return directions.keySet();
    }

    /** Which way is better for KPIs whose symbol is {@code text}; null when it names no direction. */
    public Better betterOf(String text) {
        Direction direction = directions.get(text);
        return direction == null ? null : better.get(direction);
    }

    /** The direction {@code text} names; null when it names none. */
    public Direction directionOf(String text) {
        return directions.get(text);
    }

    /** The symbols, for an error message: {@code ↗ ↑ ▲ increase 増加 (increase), …}. */
    public String known() {
        Map<Direction, StringJoiner> byDirection = new LinkedHashMap<>();
        directions.forEach((symbol, direction) ->
                byDirection.computeIfAbsent(direction, d -> new StringJoiner(" ")).add(symbol));
        StringJoiner all = new StringJoiner("; ");
        byDirection.forEach((direction, symbols) -> all.add(symbols + " (" + direction.japanese() + ")"));
        return all.toString();
    }
}
