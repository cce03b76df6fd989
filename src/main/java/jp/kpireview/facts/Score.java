package jp.kpireview.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Stage 4: スコア, the clamped score. A KPI with a score is scored; the band and ☆ rules read this stage. The band
 * is decided on {@code value}, unrounded; {@link #shown()} is what the reports print.
 */
public record Score(RawScore raw, BigDecimal value) implements Stage {

    public static Score of(RawScore raw, BigDecimal value) {
        Score score = new Score(raw, value);
        raw.kpi().outcome().score(score.shown());
        return score;
    }

    public KpiYear kpi() {
        return raw.kpi();
    }

    /** The score as printed, with the raw score's decimals (half-up). */
    public BigDecimal shown() {
        return value.setScale(raw.decimals(), RoundingMode.HALF_UP);
    }

    /** The fiscal year of the score: a plain field the summary rules can join on (Drools indexes it). */
    public int year() {
        return raw.kpi().year();
    }

    /** See {@link Directed#aheadOfFinalTarget()}. */
    public BigDecimal aheadOfFinalTarget() {
        return raw.reference().directed().aheadOfFinalTarget();
    }
}
