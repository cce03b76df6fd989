package jp.kpireview.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Direction;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.ReferenceKind;
import jp.kpireview.domain.Status;

/**
 * The default policy of rules/*.drl written as plain Java: the speed limit for the benchmark and the oracle of the
 * differential test. Test code only — the product decides with the rules. It shares no arithmetic with the main
 * code (no call into {@code Decimals} or the domain's helpers): each raw score is one exact fraction, rounded once,
 * so an arithmetic slip in the main code shows up as a difference instead of being made on both sides. Every
 * threshold is repeated here on purpose, so that a rule edit shows up as a difference too.
 */
public final class PlainReview {

    /** The band scale of rules/bands.drl. */
    public static final List<Band> BANDS = List.of(new Band("×", "基準未満", null, 0),
            new Band("●", "0~50", BigDecimal.ZERO, 1), new Band("○", "50~100", BigDecimal.valueOf(50), 2),
            new Band("◎", "100以上", BigDecimal.valueOf(100), 3));
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal MINUS_HUNDRED = BigDecimal.valueOf(-100);
    /** The maintain tolerance, 5 % of the target's size. */
    private static final BigDecimal MAINTAIN_TOLERANCE = new BigDecimal("0.05");
    private static final int SCORE_DECIMALS = 2;

    private PlainReview() {
    }

    /**
     * A project's summary of one year as the default policy makes it (summary.drl, average.drl): the project's KPIs
     * (全), the scored ones among them (集計対象), their mean score (2 decimals, half-up), the bands and ☆ of the scored
     * ones, and the businesses (事業) of each.
     *
     * @param project the project, or null for the municipality as a whole
     */
    public record Summary(String municipality, String project, int year, int scoredBusinesses, int allBusinesses,
            int scoredKpis, int allKpis, BigDecimal average, Map<String, Integer> bandCounts, int achieved) {
    }

    /** What a review of one year concludes: each KPI's evaluation and each project's summary, then the whole's. */
    public record YearReview(int year, List<Evaluation> evaluations, List<Summary> summaries) {
    }

    /** The evaluations and the summaries, one review per year in the order given: the rules' whole work. */
    public static List<YearReview> review(List<Kpi> kpis, List<Integer> years) {
        List<YearReview> reviews = new ArrayList<>(years.size());
        for (int year : years) {
            List<Evaluation> evaluations = new ArrayList<>(kpis.size());
            for (Kpi kpi : kpis) {
                evaluations.add(evaluate(kpi, year));
            }
            reviews.add(new YearReview(year, evaluations, summaries(evaluations, year)));
        }
        return reviews;
    }

    /** Each municipality's projects in the order they first appear, then the municipality as a whole. */
    private static List<Summary> summaries(List<Evaluation> evaluations, int year) {
        Map<String, Map<String, List<Evaluation>>> byProject = new LinkedHashMap<>();
        for (Evaluation e : evaluations) {
            byProject.computeIfAbsent(e.kpi().municipality(), m -> new LinkedHashMap<>())
                    .computeIfAbsent(e.kpi().project(), p -> new ArrayList<>()).add(e);
        }
        List<Summary> summaries = new ArrayList<>();
        byProject.forEach((municipality, projects) -> {
            List<Evaluation> whole = new ArrayList<>();
            projects.forEach((project, members) -> {
                summaries.add(summary(municipality, project, year, members));
                whole.addAll(members);
            });
            summaries.add(summary(municipality, null, year, whole));
        });
        return summaries;
    }

    private static Summary summary(String municipality, String project, int year, List<Evaluation> members) {
        Map<String, Integer> bands = new LinkedHashMap<>();
        BANDS.forEach(b -> bands.put(b.mark(), 0));
        BigDecimal sum = BigDecimal.ZERO;
        int scored = 0;
        int achieved = 0;
        for (Evaluation e : members) {
            if (e.status() == Status.SCORED) {
                scored++;
                sum = sum.add(e.score());
                bands.merge(e.band().mark(), 1, Integer::sum);
                achieved += e.achieved() ? 1 : 0;
            }
        }
        BigDecimal average = scored == 0 ? null : sum.divide(BigDecimal.valueOf(scored), 2, RoundingMode.HALF_UP);
        return new Summary(municipality, project, year, businesses(members, true), businesses(members, false), scored,
                members.size(), average, bands, achieved);
    }

    /** The businesses of the (scored) members: by their number, or by their name where the sheet has none. */
    private static int businesses(List<Evaluation> members, boolean scoredOnly) {
        Set<String> businesses = new LinkedHashSet<>();
        for (Evaluation e : members) {
            if (!scoredOnly || e.status() == Status.SCORED) {
                String no = e.kpi().businessNo();
                businesses.add(no == null || no.isEmpty() ? "name " + e.kpi().business() : "no " + no);
            }
        }
        return businesses.size();
    }

    /** A fraction kept exact until the one rounding the policy prescribes. */
    private record Fraction(BigDecimal numerator, BigDecimal denominator) {

        static Fraction of(BigDecimal value) {
            return new Fraction(value, BigDecimal.ONE);
        }

        Fraction minus(BigDecimal value) {
            return new Fraction(numerator.subtract(value.multiply(denominator)), denominator);
        }

        boolean isZero() {
            return numerator.signum() == 0;
        }

        /** The sign of this fraction minus {@code value}, without dividing: the exact comparison a band edge needs. */
        int compareTo(BigDecimal value) {
            int c = numerator.compareTo(value.multiply(denominator));
            return denominator.signum() < 0 ? -c : c;
        }

        BigDecimal rounded(int decimals) {
            return numerator.divide(denominator, decimals, RoundingMode.HALF_UP);
        }
    }

    public static Evaluation evaluate(Kpi kpi, int year) {
        Direction direction = direction(kpi.directionText());
        BigDecimal actual = kpi.actuals().get(year);
        if (actual == null) {
            return unscored(kpi, year, Status.NO_ACTUAL, direction, null, null);
        }
        ReferenceKind kind;
        BigDecimal origin = kpi.baseline();
        Fraction reference;
        if (direction == Direction.MAINTAIN) {
            kind = ReferenceKind.MAINTAIN;
            origin = kpi.finalTarget().subtract(kpi.finalTarget().abs().multiply(MAINTAIN_TOLERANCE));
            reference = Fraction.of(kpi.finalTarget());
        } else if (ahead(actual, kpi.baseline(), direction) < 0) {
            kind = ReferenceKind.FINAL;
            reference = Fraction.of(kpi.finalTarget());
        } else if (kpi.annualTargets().containsKey(year)) {
            kind = ReferenceKind.ANNUAL_TARGET;
            reference = Fraction.of(kpi.annualTargets().get(year));
        } else {
            kind = ReferenceKind.LINEAR;
            reference = linear(kpi, year);
        }
        Fraction span = reference.minus(origin);
        BigDecimal shownReference = reference.numerator().divide(reference.denominator(), 30, RoundingMode.HALF_UP);
        if (span.isZero()) {
            return unscored(kpi, year, Status.REFERENCE_EQUALS_BASELINE, direction, kind, shownReference);
        }
        // (actual − origin) / (span.n / span.d) × 100 = (actual − origin) × span.d × 100 / span.n, rounded once
        Fraction exact = new Fraction(actual.subtract(origin).multiply(span.denominator()).multiply(HUNDRED),
                span.numerator());
        BigDecimal raw = exact.rounded(SCORE_DECIMALS);
        BigDecimal score = raw.compareTo(HUNDRED) > 0 ? HUNDRED.setScale(SCORE_DECIMALS)
                : raw.compareTo(MINUS_HUNDRED) < 0 ? MINUS_HUNDRED.setScale(SCORE_DECIMALS) : raw;
        boolean achieved = ahead(actual, kpi.finalTarget(), direction) >= 0;
        return new Evaluation(kpi, year, Status.SCORED, direction, kind, shownReference, raw, score, band(exact),
                achieved, "", List.of());
    }

    private static Evaluation unscored(Kpi kpi, int year, Status status, Direction direction, ReferenceKind kind,
            BigDecimal reference) {
        return new Evaluation(kpi, year, status, direction, kind, reference, null, null, null, false, "", List.of());
    }

    /** baseline + (target − baseline) × step / steps, as the exact fraction (baseline × steps + rise × step) / steps. */
    private static Fraction linear(Kpi kpi, int year) {
        int first = kpi.actuals().firstKey();
        // first measured after its target year: a path of one step, to the target itself
        int stepCount = Math.max(kpi.targetYear() - first + 1, 1);
        BigDecimal step = BigDecimal.valueOf(Math.min(year - first + 1, stepCount));
        BigDecimal steps = BigDecimal.valueOf(stepCount);
        Fraction path = new Fraction(kpi.baseline().multiply(steps)
                .add(kpi.finalTarget().subtract(kpi.baseline()).multiply(step)), steps);
        return isCount(kpi) ? Fraction.of(path.rounded(0)) : path;
    }

    /** A count: not a %, and the baseline, the target and every actual are whole numbers. */
    private static boolean isCount(Kpi kpi) {
        if ("%".equals(kpi.unit()) || !isWhole(kpi.baseline()) || !isWhole(kpi.finalTarget())) {
            return false;
        }
        return kpi.actuals().values().stream().allMatch(PlainReview::isWhole);
    }

    private static boolean isWhole(BigDecimal value) {
        return value.remainder(BigDecimal.ONE).signum() == 0;
    }

    /** The sign of how far {@code actual} is ahead of {@code mark} in the KPI's direction. */
    private static int ahead(BigDecimal actual, BigDecimal mark, Direction direction) {
        int compared = actual.compareTo(mark);
        return direction == Direction.DECREASE ? -compared : compared;
    }

    /** The band of the exact raw score: the clamp to ±100 moves no score across an edge (0, 50, 100). */
    private static Band band(Fraction score) {
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
