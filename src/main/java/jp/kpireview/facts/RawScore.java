package jp.kpireview.facts;

import java.math.BigDecimal;

/** Stage 3: 補正前スコア, the score before clamping. */
public record RawScore(Reference reference, BigDecimal value) implements Stage {

    public static RawScore of(Reference reference, BigDecimal value) {
        reference.kpi().outcome().rawScore(value);
        return new RawScore(reference, value);
    }

    public KpiYear kpi() {
        return reference.kpi();
    }

}
