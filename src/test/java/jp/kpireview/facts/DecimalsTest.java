package jp.kpireview.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    /** The exact path for finite fractions must give the value the 34-digit path gives. */
    @Test
    void linearIsTheSameValueOnBothPaths() {
        String[][] pairs = {{"18", "48"}, {"213", "180"}, {"75.9", "80"}, {"0", "12"}, {"8299", "10000"},
                {"0.35", "0.1"}, {"28698086", "30000000"}};
        for (String[] pair : pairs) {
            BigDecimal from = new BigDecimal(pair[0]);
            BigDecimal to = new BigDecimal(pair[1]);
            for (int steps = 1; steps <= 12; steps++) {
                for (int step = 1; step <= steps; step++) {
                    BigDecimal fraction = BigDecimal.valueOf(step).divide(BigDecimal.valueOf(steps),
                            MathContext.DECIMAL128);
                    BigDecimal expected = from.add(to.subtract(from).multiply(fraction, MathContext.DECIMAL128),
                            MathContext.DECIMAL128);
                    assertEquals(0, expected.compareTo(Decimals.linear(from, to, step, steps)),
                            pair[0] + "→" + pair[1] + " step " + step + "/" + steps);
                }
            }
        }
    }

    @Test
    void linearOfThirdsKeeps34Digits() {
        assertEquals("28.00000000000000000000000000000000",
                Decimals.linear(new BigDecimal("18"), new BigDecimal("48"), 1, 3).toPlainString());
        assertEquals("21.33333333333333333333333333333333",
                Decimals.linear(new BigDecimal("18"), new BigDecimal("28"), 1, 3).toPlainString());
    }

    @Test
    void percentOfIsExact() {
        assertEquals(0, new BigDecimal("5").compareTo(Decimals.percentOf(new BigDecimal("100"), 5)));
        assertEquals(0, new BigDecimal("0.55").compareTo(Decimals.percentOf(new BigDecimal("10"), 5.5)));
        assertEquals(0, new BigDecimal("-5").compareTo(Decimals.percentOf(new BigDecimal("-100"), 5)));
    }

    /**
     * The raw score's quotient, cut at {@link Decimals#QUOTIENT_DECIMALS} decimals with a sticky digit, compares with
     * every number of that many decimals as the true fraction does (checked by cross-multiplying, with no division),
     * and rounds to the printed decimals as the fraction does: 2/3, −1/7, a KPI a hair behind its baseline, values
     * beyond {@code long}.
     */
    @Test
    void percentDecidesAsTheExactFractionDoes() {
        Random random = new Random(37);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal part = BigDecimal.valueOf(random.nextLong(-2_000_000, 2_000_000), random.nextInt(5));
            BigDecimal whole = BigDecimal.valueOf(random.nextLong(-2_000_000, 2_000_000), random.nextInt(5));
            if (i % 100 == 0) {
                part = part.multiply(new BigDecimal("1e15"));
            }
            if (whole.signum() == 0) {
                continue;
            }
            BigDecimal quotient = Decimals.percent(part, whole);
            BigDecimal[] edges = {quotient.setScale(Decimals.QUOTIENT_DECIMALS, RoundingMode.FLOOR),
                    quotient.setScale(Decimals.QUOTIENT_DECIMALS, RoundingMode.CEILING),
                    quotient.setScale(2, RoundingMode.HALF_UP), BigDecimal.ZERO, BigDecimal.valueOf(50),
                    quotient.setScale(2, RoundingMode.DOWN).add(new BigDecimal("0.005"))};
            for (BigDecimal edge : edges) {
                assertEquals(exactSign(part, whole, edge), Integer.signum(quotient.compareTo(edge)),
                        part + " × 100 ÷ " + whole + " against " + edge);
            }
        }
        assertEquals("66.66666666661", Decimals.percent(new BigDecimal("2"), new BigDecimal("3")).toPlainString());
        assertEquals("-14.28571428579", Decimals.percent(new BigDecimal("-1"), new BigDecimal("7")).toPlainString());
        assertEquals("0.00", Decimals.percent(new BigDecimal("0.00"), new BigDecimal("7")).toPlainString());
        assertEquals(Decimals.percent(new BigDecimal("-0.004"), new BigDecimal("100")).signum(), -1);
    }

    /** The sign of part × 100 ÷ whole − edge, from integers only. */
    private static int exactSign(BigDecimal part, BigDecimal whole, BigDecimal edge) {
        int scale = Math.max(Math.max(part.scale(), whole.scale()), edge.scale());
        BigInteger p = part.setScale(scale).unscaledValue().multiply(BigInteger.valueOf(100));
        BigInteger w = whole.setScale(scale).unscaledValue();
        BigInteger e = edge.setScale(scale).unscaledValue();
        // part × 100 / whole − edge = (p − e·w / 10^scale … ) compared over the common denominator w · 10^scale
        BigInteger difference = p.multiply(BigInteger.TEN.pow(scale)).subtract(e.multiply(w));
        return difference.signum() * w.signum();
    }
}
