package jp.kpireview.facts;

import java.math.BigDecimal;
import jp.kpireview.domain.ReferenceKind;

/**
 * Stage 2: what the actual is measured against. The score is 0 at {@code origin} and 100 at {@code value}: origin is
 * the baseline, or for a maintain KPI the tolerance floor below its target.
 */
public record Reference(Directed directed, ReferenceKind kind, BigDecimal origin, BigDecimal value) implements Stage {

    public static Reference of(Directed directed, ReferenceKind kind, BigDecimal origin, BigDecimal value) {
        directed.kpi().outcome().reference(kind, value);
        return new Reference(directed, kind, origin, value);
    }

    public KpiYear kpi() {
        return directed.kpi();
    }


    /** Distance from origin to reference: the divisor of the score. */
    public BigDecimal span() {
        return value.subtract(origin);
    }

    /** Distance from origin to the actual: the dividend of the score. */
    public BigDecimal progress() {
        return kpi().actual().subtract(origin);
    }
}
