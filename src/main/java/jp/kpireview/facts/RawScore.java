package jp.kpireview.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Stage 3: 補正前スコア, the score before clamping. {@code value} is what the rules compare and band; {@code shown}
 * is the value rounded as the policy prints it (the reports, the summaries' average).
 *
 * @param decimals the decimals the policy prints the score with (half-up)
 */
public record RawScore(Reference reference, BigDecimal value, int decimals) implements Stage {

    /**
     * The raw score {@code value}, unrounded, printed with {@code decimals} (half-up): a KPI 0.004 behind its
     * baseline is below 0 for its band even though it prints 0.00.
     */
    public static RawScore of(Reference reference, BigDecimal value, int decimals) {
        RawScore raw = new RawScore(reference, value, decimals);
        reference.kpi().outcome().rawScore(raw.shown());
        return raw;
    }

    /** The raw score as given, printed as it is written (a rule that rounds before banding). */
    public static RawScore of(Reference reference, BigDecimal value) {
        return of(reference, value, Math.max(value.scale(), 0));
    }

    public KpiYear kpi() {
        return reference.kpi();
    }

    /** The value as printed: rounded half-up to the policy's decimals. */
    public BigDecimal shown() {
        return value.setScale(decimals, RoundingMode.HALF_UP);
    }
}
