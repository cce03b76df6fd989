package jp.kpireview.facts;

import java.math.BigDecimal;
import org.kie.api.definition.rule.Rule;

/**
 * One row of the band table (区分表.csv): a band's mark, where it starts on the score (none for the lowest band, and
 * for every band of a policy that judges without a score) and its label. bands.drl puts the rows together into the
 * {@link BandScale}; its template (区分表.drt) writes a row as
 * {@code BandRow.of(drools.getRule(), "◎").from(100).named("100以上")}.
 *
 * @param lower the score the band starts at (inclusive); null for none
 */
public record BandRow(TableRow at, String mark, BigDecimal lower, String label) {

    public static BandRow of(Rule rule, String mark) {
        return new BandRow(TableRow.of(rule), mark, null, "");
    }

    /** The score the band starts at, as the officer wrote it (50, not 50.0). */
    public BandRow from(double lower) {
        BigDecimal edge = BigDecimal.valueOf(lower).stripTrailingZeros();
        return new BandRow(at, mark, edge.scale() < 0 ? edge.setScale(0) : edge, label);
    }

    public BandRow named(String label) {
        return new BandRow(at, mark, lower, label);
    }
}
