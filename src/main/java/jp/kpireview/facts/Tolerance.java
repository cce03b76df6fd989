package jp.kpireview.facts;

import java.math.BigDecimal;
import org.kie.api.definition.rule.Rule;

/**
 * How far a maintained (→) KPI may fall below its target, as the rules decide it: {@code percent} % of the target's
 * size. The rule that makes the floor reads it, and explains itself with the same number. A row of the tolerance table
 * (許容幅.csv) makes one for every KPI the row fits, and the first fitting row counts (maintain.drl).
 *
 * @param at the table row that gave it; {@link TableRow#NONE} when a DRL rule did
 */
public record Tolerance(Directed directed, BigDecimal percent, TableRow at) implements Stage {

    /** A tolerance a DRL rule gives. */
    public Tolerance(Directed directed, BigDecimal percent) {
        this(directed, percent, TableRow.NONE);
    }

    /** A tolerance a row of the table gives: {@code Tolerance.of(drools.getRule(), $d, 5)}. */
    public static Tolerance of(Rule rule, Directed directed, double percent) {
        TableRow at = TableRow.of(rule);
        if (percent < 0) {
            throw new TableValueException(at, "of", "許容幅 " + percent + " が負です (a tolerance cannot be negative)");
        }
        BigDecimal value = BigDecimal.valueOf(percent).stripTrailingZeros();
        return new Tolerance(directed, value.scale() < 0 ? value.setScale(0) : value, at);
    }

    /** The table row, 0 for a DRL rule's: a lower row number is a row higher in the table. */
    public int row() {
        return at.row();
    }

    @Override
    public KpiYear kpi() {
        return directed.kpi();
    }
}
