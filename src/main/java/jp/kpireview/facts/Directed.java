package jp.kpireview.facts;

import java.math.BigDecimal;
import java.util.Locale;
import jp.kpireview.domain.Direction;

/** Stage 1: the KPI with its direction understood. */
public record Directed(KpiYear kpi, Direction direction) implements Stage {

    public static Directed of(KpiYear kpi, Direction direction) {
        kpi.outcome().direction(direction);
        return new Directed(kpi, direction);
    }


    /** How far the actual is ahead of the baseline in the KPI's direction; negative when behind; null without actual. */
    public BigDecimal aheadOfBaseline() {
        return ahead(kpi.baseline());
    }

    /** How far the actual is ahead of the final target in the KPI's direction; ≥ 0 once it is reached. */
    public BigDecimal aheadOfFinalTarget() {
        return ahead(kpi.finalTarget());
    }

    private BigDecimal ahead(BigDecimal mark) {
        if (kpi.actual() == null) {
            return null;
        }
        BigDecimal difference = kpi.actual().subtract(mark);
        return direction.sign() < 0 ? difference.negate() : difference;
    }
}
