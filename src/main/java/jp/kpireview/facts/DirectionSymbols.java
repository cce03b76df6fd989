package jp.kpireview.facts;

import java.util.EnumMap;
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
    private final Map<Direction, Better> better = new EnumMap<>(Direction.class);

    private DirectionSymbols() {
    }

    /** The symbols that name {@code direction}, and which way is better for KPIs of that direction. */
    public static DirectionSymbols of(Direction direction, Better way, String... symbols) {
        return new DirectionSymbols().and(direction, way, symbols);
    }

    public DirectionSymbols and(Direction direction, Better way, String... symbols) {
        Better written = better.putIfAbsent(direction, way);
        if (written != null && written != way) {
            throw new IllegalArgumentException(direction + " is written both " + written + " and " + way + " is better");
        }
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
        byDirection.forEach((direction, symbols) -> all.add(symbols + " (" + direction.name().toLowerCase() + ")"));
        return all.toString();
    }
}
