package jp.kpireview.facts;

import java.math.BigDecimal;

/** Stage 4: スコア, the clamped score. A KPI with a score is scored; the band and ☆ rules read this stage. */
public record Score(RawScore raw, BigDecimal value) implements Stage {

    public static Score of(RawScore raw, BigDecimal value) {
        raw.kpi().outcome().score(value);
        return new Score(raw, value);
    }

    public KpiYear kpi() {
        return raw.kpi();
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
