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

    /**
     * Decimals an unrounded quotient keeps before its sticky digit ({@link #percent(BigDecimal, BigDecimal)}): every
     * comparison with a number written with at most this many decimals is exact, and so is every rounding to fewer.
     */
    static final int QUOTIENT_DECIMALS = 10;

    /**
     * {@code part / whole × 100}, unrounded: a band is decided on this value; rounding is for printing
     * ({@link RawScore#of(Reference, BigDecimal, int)}). A quotient that ends within {@value #QUOTIENT_DECIMALS}
     * decimals is exact (as division writes it: 50, 12.5); one that does not is cut towards minus infinity at
     * {@value #QUOTIENT_DECIMALS} decimals and given a last digit 1 (a sticky digit), so that it lies strictly between
     * the same two numbers of {@value #QUOTIENT_DECIMALS} decimals as the true quotient: compared with any band edge
     * or limit of up to {@value #QUOTIENT_DECIMALS} decimals, or rounded half-up to fewer, it gives what the true
     * quotient gives. Unlike a division to 34 digits, this stays within {@code long} arithmetic for the usual
     * scores and sizes of KPI, which is several times faster. Print it rounded ({@code RawScore.of(reference, value,
     * decimals)}): the last digit of a quotient that does not end is the sticky one.
     */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        BigDecimal dividend = part.multiply(HUNDRED);
        BigDecimal cut = dividend.divide(whole, QUOTIENT_DECIMALS, RoundingMode.FLOOR);
        if (cut.multiply(whole).compareTo(dividend) != 0) {
            return cut.add(BigDecimal.ONE.movePointLeft(QUOTIENT_DECIMALS + 1));
        }
        // an exact quotient written as an exact division writes it: no trailing zeros below the scale it prefers
        int preferred = dividend.scale() - whole.scale();
        BigDecimal exact = cut.signum() == 0 ? BigDecimal.ZERO : cut.stripTrailingZeros();
        return exact.scale() < preferred || exact.signum() == 0 ? exact.setScale(preferred) : exact;
    }

    /** {@code part / whole × 100}, rounded half-up to {@code decimals}. */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole, int decimals) {
        return part.multiply(HUNDRED).divide(whole, decimals, RoundingMode.HALF_UP);
    }

    /** {@code value} limited to [{@code min}, {@code max}]. */
    public static BigDecimal clamp(BigDecimal value, double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException("範囲の下限 " + min + " が上限 " + max + " より大きくなっています");
        }
        return clamp(value, BigDecimal.valueOf(min), BigDecimal.valueOf(max));
    }

    /** {@code value} limited to [{@code low}, {@code high}] (a table's limits, checked when the table was read). */
    public static BigDecimal clamp(BigDecimal value, BigDecimal low, BigDecimal high) {
        if (value.compareTo(high) > 0) {
            return sameScale(high, value);
        }
        return value.compareTo(low) < 0 ? sameScale(low, value) : value;
    }

    /** {@code limit} written with the decimals of {@code value} (100 → 100.00), keeping any decimals it needs. */
    private static BigDecimal sameScale(BigDecimal limit, BigDecimal value) {
        return limit.setScale(Math.max(value.scale(), limit.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY);
    }

    /**
     * The point {@code step} of {@code steps} on the straight line from {@code from} to {@code to}. Exact when
     * 1/steps is a finite decimal (steps = 2, 4, 5, 8, 10 …: the usual five-year plans), else to 34 digits.
     */
    public static BigDecimal linear(BigDecimal from, BigDecimal to, int step, int steps) {
        int decimals = finiteDecimals(steps);
        if (decimals < 0) {
            BigDecimal fraction = BigDecimal.valueOf(step).divide(BigDecimal.valueOf(steps), EXACT);
            return from.add(to.subtract(from).multiply(fraction, EXACT), EXACT);
        }
        // the same value as the 34-digit path, without its slow big-number division
        BigDecimal rise = to.subtract(from).multiply(BigDecimal.valueOf(step));
        return from.add(rise.divide(BigDecimal.valueOf(steps), rise.scale() + decimals, RoundingMode.UNNECESSARY));
    }

    /** How many decimals 1/n needs when n = 2^a·5^b (max(a, b)); −1 when 1/n does not end. */
    private static int finiteDecimals(int n) {
        if (n <= 0) {
            return -1;
        }
        int twos = Integer.numberOfTrailingZeros(n);
        int rest = n >> twos;
        int fives = 0;
        while (rest % 5 == 0) {
            rest /= 5;
            fives++;
        }
        return rest == 1 ? Math.max(twos, fives) : -1;
    }


    /** The mean of {@code values}, rounded half-up to {@code decimals}; null when there are none. */
    public static BigDecimal mean(java.util.List<BigDecimal> values, int decimals) {
        if (values.isEmpty()) {
            return null;
        }
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(values.size()), decimals, RoundingMode.HALF_UP);
    }

    /**
     * The weighted mean of {@code values}, each counted {@code weights} (same order) times: Σ value × weight ÷
     * Σ weight, rounded half-up to {@code decimals}; null when there are none or the weights sum to zero.
     */
    public static BigDecimal weightedMean(java.util.List<BigDecimal> values, java.util.List<BigDecimal> weights,
            int decimals) {
        if (values.size() != weights.size()) {
            throw new IllegalArgumentException("値が " + values.size() + " つ、重みが " + weights.size() + " つで、数が合いません");
        }
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < values.size(); i++) {
            sum = sum.add(values.get(i).multiply(weights.get(i)));
            total = total.add(weights.get(i));
        }
        return total.signum() == 0 ? null : sum.divide(total, decimals, RoundingMode.HALF_UP);
    }

    /** {@code value} rounded half-up to {@code decimals}. */
    public static BigDecimal round(BigDecimal value, int decimals) {
        return value.setScale(decimals, RoundingMode.HALF_UP);
    }

    /** {@code percent} % of {@code value}, exact: e.g. the tolerance 5 % of a target's size. */
    public static BigDecimal percentOf(BigDecimal value, double percent) {
        return value.multiply(BigDecimal.valueOf(percent).stripTrailingZeros()).movePointLeft(2);
    }

    /** {@code percent} % of {@code value}, exact, with the percentage as the rules hold it (a table's cell). */
    public static BigDecimal percentOf(BigDecimal value, BigDecimal percent) {
        return value.multiply(percent.stripTrailingZeros()).movePointLeft(2);
    }

    /** True for a whole number (12, 12.00), false for 12.5. */
    public static boolean whole(BigDecimal value) {
        return value.scale() <= 0 || value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }
}
