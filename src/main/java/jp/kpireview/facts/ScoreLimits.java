package jp.kpireview.facts;

import java.math.BigDecimal;
import org.kie.api.definition.rule.Rule;

/**
 * The range a score is kept in (スコアの範囲.csv): the clamping rule in score.drl reads it and explains itself with
 * the same numbers. Its template (スコアの範囲.drt) writes it as {@code ScoreLimits.of(drools.getRule()).from(-100).to(100)}.
 */
public record ScoreLimits(TableRow at, BigDecimal lower, BigDecimal upper) {

    public static ScoreLimits of(Rule rule) {
        return new ScoreLimits(TableRow.of(rule), null, null);
    }

    public ScoreLimits from(double lower) {
        return new ScoreLimits(at, BigDecimal.valueOf(lower).stripTrailingZeros(), upper);
    }

    public ScoreLimits to(double upper) {
        BigDecimal top = BigDecimal.valueOf(upper).stripTrailingZeros();
        if (lower != null && top.compareTo(lower) <= 0) {
            throw new TableValueException(at, "to", "上限 " + top.toPlainString() + " が下限 " + lower.toPlainString()
                    + " より大きくありません (the upper limit must be above the lower)");
        }
        return new ScoreLimits(at, lower, top);
    }

    /** {@code value} kept within the limits. */
    public BigDecimal clamp(BigDecimal value) {
        return Decimals.clamp(value, lower, upper);
    }
}
