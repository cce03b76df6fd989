package jp.kpireview.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import jp.kpireview.domain.Direction;

/**
 * Which symbols name which direction, written in rules/direction.drl. One table, so each symbol is written once and
 * a symbol that names no direction is known to be unknown without comparing it against every list.
 */
public final class DirectionSymbols {

    private final Map<String, Direction> directions = new LinkedHashMap<>();

    private DirectionSymbols() {
    }

    public static DirectionSymbols of(Direction direction, String... symbols) {
        return new DirectionSymbols().and(direction, symbols);
    }

    public DirectionSymbols and(Direction direction, String... symbols) {
        for (String symbol : symbols) {
            Direction earlier = directions.putIfAbsent(symbol, direction);
            if (earlier != null) {
                throw new IllegalArgumentException("the symbol " + symbol + " names both " + earlier + " and "
                        + direction);
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
        byDirection.forEach((direction, symbols) -> all.add(symbols + " (" + direction.name().toLowerCase() + ")"));
        return all.toString();
    }
}
