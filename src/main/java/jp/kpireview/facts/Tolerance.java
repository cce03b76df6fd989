package jp.kpireview.facts;

import java.math.BigDecimal;

/**
 * How far a maintained (→) KPI may fall below its target, as the rules decide it: {@code percent} % of the target's
 * size. The rule that makes the floor reads it, and explains itself with the same number.
 */
public record Tolerance(Directed directed, BigDecimal percent) implements Stage {

    @Override
    public KpiYear kpi() {
        return directed.kpi();
    }
}
