package jp.kpireview.domain;

import java.math.BigDecimal;

/**
 * How a KPI's score moved between two scored years (推移). A plain comparison of the clamped scores: no tolerance,
 * so no threshold is hidden here.
 */
public enum Trend {
    IMPROVING("improving", "上昇", "↑"),
    UNCHANGED("unchanged", "横ばい", "→"),
    WORSENING("worsening", "低下", "↓"),
    /** The two years were scored under different policies (periods), so their scores are not compared. */
    POLICY_CHANGED("policy_changed", "基準変更", "⇄");

    private final String code;
    private final String label;
    private final String arrow;

    Trend(String code, String label, String arrow) {
        this.code = code;
        this.label = label;
        this.arrow = arrow;
    }

    /**
     * The trend between two judged years of one policy: of their scores, or where the policy has none, of their
     * bands' places in its scale.
     */
    public static Trend between(Evaluation earlier, Evaluation later) {
        if (earlier.score() != null && later.score() != null) {
            return between(earlier.score(), later.score());
        }
        return between(BigDecimal.valueOf(earlier.band().rank()), BigDecimal.valueOf(later.band().rank()));
    }

    /** The trend from {@code earlier} to {@code later}; null when either is missing. */
    public static Trend between(BigDecimal earlier, BigDecimal later) {
        if (earlier == null || later == null) {
            return null;
        }
        int c = later.compareTo(earlier);
        return c > 0 ? IMPROVING : c < 0 ? WORSENING : UNCHANGED;
    }

    public String code() {
        return code;
    }

    /** Japanese label for reports: 上昇, 横ばい, 低下, 基準変更. */
    public String label() {
        return label;
    }

    public String arrow() {
        return arrow;
    }
}
