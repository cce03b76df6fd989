package jp.kpireview.facts;

import java.math.BigDecimal;
import jp.kpireview.domain.Direction;

/** Stage 1: the KPI with its direction understood, and which way is better, as the direction table says. */
public record Directed(KpiYear kpi, Direction direction, Better better) implements Stage {

    public static Directed of(KpiYear kpi, Direction direction, Better better) {
        kpi.outcome().direction(direction);
        return new Directed(kpi, direction, better);
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
        return better == Better.LOWER ? difference.negate() : difference;
    }
}
