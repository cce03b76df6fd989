package jp.kpireview.facts;

/**
 * A value of a table row that the policy cannot use (an edge below the one above it, a mark used twice):
 * thrown by the fact the row makes, and reported by the engine at the table's file, row and column.
 *
 * @see TableRow
 */
public final class TableValueException extends IllegalArgumentException {

    private final TableRow at;
    private final String part;

    /**
     * @param at   the row
     * @param part the call in the table's template that takes the value ({@code from} for {@code .from(@{lower})}),
     *             by which the engine finds the column
     */
    public TableValueException(TableRow at, String part, String message) {
        super(message);
        this.at = at;
        this.part = part;
    }

    public TableRow at() {
        return at;
    }

    public String part() {
        return part;
    }
}
