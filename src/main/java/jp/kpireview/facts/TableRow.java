package jp.kpireview.facts;

import org.kie.api.definition.rule.Rule;

/**
 * The row of a table (区分表.csv, 許容幅.csv …) a fact was written from: its template names the rule it makes of
 * each row {@code <table>_<row>} ({@code 区分表_7}), the row as a spreadsheet numbers it. Explanations and errors name
 * it, so an officer opens the table at that row. A fact a DRL rule makes has {@link #NONE}.
 *
 * @param table the table's name: its file name without the extension (区分表)
 * @param row   the spreadsheet row, from 1; 0 for a fact no table row made
 */
public record TableRow(String table, int row) {

    /** Made by a DRL rule, not by a table row. */
    public static final TableRow NONE = new TableRow("", 0);

    /** The row of the table rule that is firing ({@code drools.getRule()} in the template's action). */
    public static TableRow of(Rule rule) {
        return named(rule.getName());
    }

    /** The row a table rule's name gives ({@code 区分表_7}); row 0 for a name with no row number. */
    public static TableRow named(String name) {
        int underscore = name.lastIndexOf('_');
        if (underscore > 0) {
            try {
                return new TableRow(name.substring(0, underscore), Integer.parseInt(name.substring(underscore + 1)));
            } catch (NumberFormatException e) {
                // a rule named in a NAME column: no row number to give
            }
        }
        return new TableRow(name, 0);
    }

    /** Spaces, 全角 spaces among them: compiled once, as every session's table rows are read with it. */
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("[\\s\u3000]+");

    /** The words of a cell written with spaces (or 全角 spaces) between them: {@code "○ ◎"} → ○, ◎. */
    public static java.util.List<String> words(String cell) {
        return java.util.Arrays.stream(SPACES.split(cell.strip())).filter(w -> !w.isEmpty()).toList();
    }

    /**
     * What a table (or a DRL rule) wrote and the policy refuses: located at this row and the column whose code calls
     * {@code part} when a table row wrote it, else a plain error the engine places at the rule that made the fact.
     */
    public IllegalArgumentException refused(String part, String message) {
        return inTable() ? new TableValueException(this, part, message) : new IllegalArgumentException(message);
    }

    /** True for a fact a table row made. */
    public boolean inTable() {
        return row > 0;
    }

    /** 区分表 7行目. */
    @Override
    public String toString() {
        return inTable() ? table + " " + row + "行目" : table;
    }
}
