package jp.kpireview.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How numbers appear in reports. */
final class Numbers {

    /** References on a linear path can carry many digits; reports show at most this many decimals. */
    private static final int SHOWN_REFERENCE_DECIMALS = 4;

    private Numbers() {
    }

    static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /** The value as written, or — where there is none (an unjudged KPI, a summary with nothing counted). */
    static String orDash(BigDecimal value) {
        return value == null ? "—" : value.toPlainString();
    }

    static String reference(BigDecimal value) {
        if (value == null) {
            return "";
        }
        BigDecimal shown = value.scale() > SHOWN_REFERENCE_DECIMALS
                ? value.setScale(SHOWN_REFERENCE_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros() : value;
        return shown.scale() < 0 ? shown.setScale(0, RoundingMode.UNNECESSARY).toPlainString() : shown.toPlainString();
    }
}
