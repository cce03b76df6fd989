package jp.kpireview.rulebase;

import java.util.regex.Pattern;

/**
 * A rule table's cell that the rules take as a number: plain decimals as a rule writes them (100, -5, 49.5), at most
 * 15 digits before the point and 10 after. The one definition for the tables read into rules ({@code RuleTable}) and
 * the tables the service hands out as workbooks. Ten decimals are also what keeps every table's edge exact against a
 * raw score, which {@code Decimals.percent} keeps to 10 decimals and a sticky digit.
 */
public final class TableNumber {

    private static final Pattern PLAIN = Pattern.compile("-?(0|[1-9]\\d{0,14})(\\.\\d{1,10})?");

    private TableNumber() {
    }

    /** True when {@code text} is such a number, as it stands (no spaces, no thousands separators). */
    public static boolean isPlain(String text) {
        return PLAIN.matcher(text).matches();
    }
}
