package jp.kpireview.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
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
}
