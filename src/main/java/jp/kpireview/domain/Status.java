package jp.kpireview.domain;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What became of a KPI in a year (評価の状態). A KPI with a band is judged: {@link #SCORED} when the rules gave it a
 * score too, {@link #JUDGED} when they gave the band directly (a policy with no score). Otherwise the rules say why
 * it has no band: no actual, a reference equal to the baseline, or a status of their own ({@link #of}, e.g. 対象外).
 *
 * @param code  the stable name programs read (results.csv, results.json, scenario files): lower case a–z, 0–9, _
 * @param label the name people read in the reports (実績なし, 対象外 …)
 */
public record Status(String code, String label) {

    public static final Status SCORED = new Status("scored", "評価済");
    public static final Status JUDGED = new Status("judged", "評価済");
    /** No actual for the evaluated year (— in the table). */
    public static final Status NO_ACTUAL = new Status("no_actual", "実績なし");
    /** The reference equals the baseline, so the score formula would divide by zero. */
    public static final Status REFERENCE_EQUALS_BASELINE = new Status("reference_equals_baseline", "基準値=目標値");

    private static final List<Status> BUILT_IN = List.of(SCORED, JUDGED, NO_ACTUAL, REFERENCE_EQUALS_BASELINE);
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    /**
     * A status the rules declare, e.g. {@code Status.of("excluded", "対象外")}; the built-in codes name their own
     * status, whatever the label.
     */
    public static Status of(String code, String label) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("状態の記号 (code) '" + code + "' は半角英小文字・数字・_ で書いてください"
                    + " (a status code is lower-case letters, digits and _, e.g. excluded)");
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("状態 " + code + " に表示名 (label) がありません (the status needs a label)");
        }
        for (Status s : BUILT_IN) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        return new Status(code, label.strip());
    }

    /** The status a code names among the built-in ones; null for a code the rules declare. */
    public static Status builtIn(String code) {
        return BUILT_IN.stream().filter(s -> s.code.equals(code)).findFirst().orElse(null);
    }

    /** True for a KPI with a band: scored, or judged without a score. */
    public boolean judged() {
        return code.equals(SCORED.code) || code.equals(JUDGED.code);
    }
}
