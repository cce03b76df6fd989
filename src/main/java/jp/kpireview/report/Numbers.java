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

    /**
     * A KPI's value with its unit, as the table prints it: thousands grouped (54,886,770円) unless the unit is a
     * percentage, the decimals as written (75.9%).
     */
    static String withUnit(BigDecimal value, String unit) {
        String text = value.toPlainString();
        if (!unit.strip().equals("%") && !unit.strip().equals("％")) {
            int point = text.indexOf('.');
            String whole = point < 0 ? text : text.substring(0, point);
            boolean negative = whole.startsWith("-");
            StringBuilder grouped = new StringBuilder(negative ? whole.substring(1) : whole);
            for (int i = grouped.length() - 3; i > 0; i -= 3) {
                grouped.insert(i, ',');
            }
            text = (negative ? "-" : "") + grouped + (point < 0 ? "" : text.substring(point));
        }
        return jp.kpireview.report.Html.escape(text + unit);
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
