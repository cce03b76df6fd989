package jp.kpireview.facts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Exact decimal arithmetic for the rules. Every number that is policy (decimals, limits, tolerance) is an argument,
 * so it is written in the rule that uses it. Rounding is half-up, as in the published tables.
 */
public final class Decimals {

    /** Intermediate precision for values that are not rounded by policy (34 significant digits). */
    private static final MathContext EXACT = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Decimals() {
    }

    /** {@code part / whole × 100}, rounded half-up to {@code decimals}. */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole, int decimals) {
        return part.multiply(HUNDRED).divide(whole, decimals, RoundingMode.HALF_UP);
    }

    /** {@code value} limited to [{@code min}, {@code max}]. */
    public static BigDecimal clamp(BigDecimal value, double min, double max) {
        BigDecimal low = BigDecimal.valueOf(min);
        BigDecimal high = BigDecimal.valueOf(max);
        if (value.compareTo(high) > 0) {
            return sameScale(high, value);
        }
        return value.compareTo(low) < 0 ? sameScale(low, value) : value;
    }

    /** {@code limit} written with the decimals of {@code value} (100 → 100.00), keeping any decimals it needs. */
    private static BigDecimal sameScale(BigDecimal limit, BigDecimal value) {
        return limit.setScale(Math.max(value.scale(), limit.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY);
    }

    /** The point {@code step} of {@code steps} on the straight line from {@code from} to {@code to}. */
    public static BigDecimal linear(BigDecimal from, BigDecimal to, int step, int steps) {
        BigDecimal fraction = BigDecimal.valueOf(step).divide(BigDecimal.valueOf(steps), EXACT);
        return from.add(to.subtract(from).multiply(fraction, EXACT), EXACT);
    }

    /** {@code value} rounded half-up to {@code decimals}. */
    public static BigDecimal round(BigDecimal value, int decimals) {
        return value.setScale(decimals, RoundingMode.HALF_UP);
    }

    /** {@code value} less {@code percent} % of it, e.g. the floor 5 % below a target. */
    public static BigDecimal lessPercent(BigDecimal value, double percent) {
        BigDecimal share = HUNDRED.subtract(BigDecimal.valueOf(percent)).divide(HUNDRED, EXACT);
        return value.multiply(share, EXACT);
    }
}
