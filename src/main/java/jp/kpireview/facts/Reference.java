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

    @Override
    public String explain() {
        String v = Decimals.shown(value);
        String o = Decimals.shown(origin);
        return switch (kind) {
            case PLAN -> "reference: the city's annual target " + v + " (the score is 0 at the baseline " + o
                    + " and 100 at " + v + ")";
            case LINEAR -> "reference: the annual target " + v + " on the straight path from the baseline " + o
                    + " to the final target " + Decimals.shown(kpi().finalTarget());
            case FINAL -> "reference: the final target " + v + ", because the actual " + Decimals.shown(kpi().actual())
                    + " is behind the baseline " + o;
            case MAINTAIN -> "reference: keep " + v + " (the score is 0 at the floor " + o + " and 100 at " + v + ")";
        };
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
