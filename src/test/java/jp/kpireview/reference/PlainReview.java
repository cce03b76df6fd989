package jp.kpireview.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Direction;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.ReferenceKind;
import jp.kpireview.domain.Status;
import jp.kpireview.facts.Decimals;

/**
 * The default policy of rules/*.drl written as plain Java: the speed limit for the benchmark and the oracle of the
 * differential test. Test code only — the product decides with the rules. Every threshold is repeated here on
 * purpose, so that a rule edit shows up as a difference.
 */
public final class PlainReview {

    /** The band scale of rules/bands.drl. */
    public static final List<Band> BANDS = List.of(new Band("×", "基準未満", null),
            new Band("●", "0~50", BigDecimal.ZERO), new Band("○", "50~100", BigDecimal.valueOf(50)),
            new Band("◎", "100以上", BigDecimal.valueOf(100)));
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal MINUS_HUNDRED = BigDecimal.valueOf(-100);
    private static final double MAINTAIN_TOLERANCE_PERCENT = 5;

    private PlainReview() {
    }

    /** One evaluation per KPI and year, years outermost (the order of ReviewEngine's reviews). */
    public static List<Evaluation> evaluate(List<Kpi> kpis, List<Integer> years) {
        List<Evaluation> evaluations = new ArrayList<>(kpis.size() * years.size());
        for (int year : years) {
            for (Kpi kpi : kpis) {
                evaluations.add(evaluate(kpi, year));
            }
        }
        return evaluations;
    }

    public static Evaluation evaluate(Kpi kpi, int year) {
        Direction direction = direction(kpi.directionText());
        BigDecimal actual = kpi.actuals().get(year);
        if (actual == null) {
            return unscored(kpi, year, Status.NO_ACTUAL, direction, null, null);
        }
        ReferenceKind kind;
        BigDecimal origin = kpi.baseline();
        BigDecimal reference;
        if (direction == Direction.MAINTAIN) {
            kind = ReferenceKind.MAINTAIN;
            origin = Decimals.lessPercent(kpi.finalTarget(), MAINTAIN_TOLERANCE_PERCENT);
            reference = kpi.finalTarget();
        } else if (ahead(actual, kpi.baseline(), direction) < 0) {
            kind = ReferenceKind.FINAL;
            reference = kpi.finalTarget();
        } else if (kpi.plans().containsKey(year)) {
            kind = ReferenceKind.PLAN;
            reference = kpi.plans().get(year);
        } else {
            kind = ReferenceKind.LINEAR;
            reference = linear(kpi, year);
        }
        BigDecimal span = reference.subtract(origin);
        if (span.signum() == 0) {
            return unscored(kpi, year, Status.REFERENCE_EQUALS_BASELINE, direction, kind, reference);
        }
        BigDecimal raw = actual.subtract(origin).multiply(HUNDRED).divide(span, 2, RoundingMode.HALF_UP);
        BigDecimal score = raw.compareTo(HUNDRED) > 0 ? HUNDRED.setScale(2)
                : raw.compareTo(MINUS_HUNDRED) < 0 ? MINUS_HUNDRED.setScale(2) : raw;
        boolean achieved = ahead(actual, kpi.finalTarget(), direction) >= 0;
        return new Evaluation(kpi, year, Status.SCORED, direction, kind, reference, raw, score, band(score), achieved,
                List.of());
    }

    private static Evaluation unscored(Kpi kpi, int year, Status status, Direction direction, ReferenceKind kind,
            BigDecimal reference) {
        return new Evaluation(kpi, year, status, direction, kind, reference, null, null, null, false, List.of());
    }

    private static BigDecimal linear(Kpi kpi, int year) {
        int first = kpi.actuals().firstKey();
        int step = Math.min(year, kpi.targetYear()) - first + 1;
        int steps = kpi.targetYear() - first + 1;
        BigDecimal value = Decimals.linear(kpi.baseline(), kpi.finalTarget(), step, steps);
        boolean count = !"%".equals(kpi.unit()) && kpi.wholeNumbers();
        return count ? value.setScale(0, RoundingMode.HALF_UP) : value;
    }

    /** The sign of how far {@code actual} is ahead of {@code mark} in the KPI's direction. */
    private static int ahead(BigDecimal actual, BigDecimal mark, Direction direction) {
        return actual.compareTo(mark) * direction.sign();
    }

    private static Band band(BigDecimal score) {
        for (int i = BANDS.size() - 1; i > 0; i--) {
            if (score.compareTo(BANDS.get(i).lower()) >= 0) {
                return BANDS.get(i);
            }
        }
        return BANDS.get(0);
    }

    private static Direction direction(String symbol) {
        return switch (symbol) {
            case "↗", "↑", "▲", "increase", "増加" -> Direction.INCREASE;
            case "↘", "↓", "▼", "decrease", "減少" -> Direction.DECREASE;
            case "→", "maintain", "維持" -> Direction.MAINTAIN;
            default -> throw new IllegalArgumentException("unknown direction '" + symbol + "'");
        };
    }
}
