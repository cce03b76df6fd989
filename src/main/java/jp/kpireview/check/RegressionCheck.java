package jp.kpireview.check;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.domain.ReferenceKind;
import jp.kpireview.engine.Review;
import jp.kpireview.importer.PublishedScore;
import jp.kpireview.importer.PublishedSummary;

/**
 * Compares a review with a published table, KPI by KPI and project by project.
 * <ul>
 * <li>Non-maintain KPIs must reproduce the printed raw score and score exactly; they are counted as derived (final
 * target or linear path) or annual target (an annual target the city set).</li>
 * <li>Maintain (→) KPIs must match band and ☆; the table gives no formula for their decimals, so their raw difference
 * is shown, not judged.</li>
 * <li>Every scored KPI must match band and ☆; unscored rows (—) must stay unscored.</li>
 * <li>Summaries must match the table's own rows. Where a printed summary disagrees with its rows, that is reported
 * as an inconsistency of the document and the rows are the reference. The average may differ by what the maintain
 * rows' differences explain.</li>
 * </ul>
 */
public final class RegressionCheck {

    /** Two averages rounded to 2 decimals may differ by one unit in the last place. */
    private static final BigDecimal AVERAGE_ROUNDING = new BigDecimal("0.01");

    private final Map<String, Evaluation> ours;
    private final List<String> differences = new ArrayList<>();
    private final List<String> inconsistencies = new ArrayList<>();
    private final Tally derived = new Tally();
    private final Tally annualTarget = new Tally();
    private final Tally maintain = new Tally();
    private final Tally band = new Tally();
    private final Tally achieved = new Tally();
    private final Tally unscored = new Tally();
    private final Tally summaries = new Tally();
    private final List<String> maintainDeltas = new ArrayList<>();

    /** The outcome: per-row differences, inconsistencies of the document, one verdict line. */
    public record Result(List<String> differences, List<String> inconsistencies, String verdict, boolean passed) {
    }

    private static final class Tally {
        int matched;
        int total;

        void count(boolean match) {
            total++;
            matched += match ? 1 : 0;
        }

        boolean full() {
            return matched == total;
        }

        @Override
        public String toString() {
            return matched + "/" + total;
        }
    }

    private RegressionCheck(Review review) {
        this.ours = review.evaluations().stream()
                .collect(Collectors.toMap(e -> e.kpi().id(), Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    public static Result run(Review review, List<PublishedScore> scores, List<PublishedSummary> printed) {
        RegressionCheck check = new RegressionCheck(review);
        scores.forEach(check::compareKpi);
        Map<String, ProjectSummary> ourSummaries = review.summaries().stream()
                .collect(Collectors.toMap(ProjectSummary::project, Function.identity()));
        for (PublishedSummary summary : printed) {
            check.compareSummary(summary, ourSummaries.get(summary.project()), scores);
        }
        return check.result();
    }

    private void compareKpi(PublishedScore p) {
        Evaluation e = ours.get(p.kpiId());
        if (e == null) {
            differences.add(p.kpiId() + ": in the published table but not in the data");
            return;
        }
        if (p.score() == null) {
            unscored.count(!e.judged());
            if (e.judged()) {
                differences.add(p.kpiId() + ": published unscored (—), ours scored " + e.score());
            }
            return;
        }
        if (!e.judged()) {
            differences.add(p.kpiId() + ": published " + p.score() + " " + p.band() + ", ours " + e.status().code());
            band.count(false);
            achieved.count(false);
            return;
        }
        compareScored(p, e);
    }

    private void compareScored(PublishedScore p, Evaluation e) {
        List<String> wrong = new ArrayList<>();
        if (e.referenceKind() == ReferenceKind.MAINTAIN) {
            BigDecimal delta = e.rawScore().subtract(p.rawScore());
            maintainDeltas.add(p.kpiId() + " " + signed(delta));
            maintain.count(e.band().mark().equals(p.band()) && e.achieved() == p.achieved());
        } else {
            boolean exact = e.rawScore().compareTo(p.rawScore()) == 0 && e.score().compareTo(p.score()) == 0;
            (e.referenceKind() == ReferenceKind.ANNUAL_TARGET ? annualTarget : derived).count(exact);
            if (!exact) {
                wrong.add("raw " + e.rawScore() + " score " + e.score() + " (published " + p.rawScore() + " "
                        + p.score() + ")");
            }
        }
        band.count(e.band().mark().equals(p.band()));
        if (!e.band().mark().equals(p.band())) {
            wrong.add("band " + e.band().mark() + " (published " + p.band() + ")");
        }
        achieved.count(e.achieved() == p.achieved());
        if (e.achieved() != p.achieved()) {
            wrong.add("☆ " + e.achieved() + " (published " + p.achieved() + ")");
        }
        if (!wrong.isEmpty()) {
            differences.add(p.kpiId() + ": " + String.join(", ", wrong) + "  [reference " + e.referenceKind().code()
                    + " " + e.reference().stripTrailingZeros().toPlainString() + "]");
        }
    }

    private void compareSummary(PublishedSummary printed, ProjectSummary our, List<PublishedScore> scores) {
        if (our == null) {
            differences.add(printed.project() + ": printed summary but no such project in the data");
            summaries.count(false);
            return;
        }
        List<PublishedScore> rows = scores.stream().filter(s -> ours.containsKey(s.kpiId())
                && ours.get(s.kpiId()).kpi().project().equals(printed.project())).toList();
        Map<String, Integer> fromRows = countsOf(rows, our.bandCounts().keySet());
        Map<String, Integer> printedCounts = countsOf(printed);
        Map<String, Integer> ourCounts = countsOf(our);
        List<String> wrong = new ArrayList<>();
        fromRows.forEach((field, rowValue) -> {
            Integer printedValue = printedCounts.get(field);
            if (!Objects.equals(printedValue, rowValue)) {
                inconsistencies.add(printed.project() + ": printed " + field + " " + printedValue
                        + ", but its rows hold " + rowValue);
            }
            if (!Objects.equals(ourCounts.get(field), rowValue)) {
                wrong.add(field + " " + ourCounts.get(field) + " (rows " + rowValue + ", printed " + printedValue + ")");
            }
        });
        compareAverage(printed, our, rows, wrong);
        summaries.count(wrong.isEmpty());
        if (!wrong.isEmpty()) {
            differences.add(printed.project() + ": " + String.join(", ", wrong));
        }
    }

    /** Our average may differ from the printed one only by what our maintain scores differ from the printed ones. */
    private void compareAverage(PublishedSummary printed, ProjectSummary our, List<PublishedScore> rows,
            List<String> wrong) {
        if (our.average() == null || printed.average() == null) {
            if (our.average() != printed.average()) {
                wrong.add("average " + our.average() + " (printed " + printed.average() + ")");
            }
            return;
        }
        BigDecimal maintainDifference = rows.stream()
                .filter(p -> p.score() != null && ours.get(p.kpiId()).referenceKind() == ReferenceKind.MAINTAIN)
                .map(p -> ours.get(p.kpiId()).score().subtract(p.score()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal explained = maintainDifference.divide(BigDecimal.valueOf(our.scoredKpis()), 4, RoundingMode.HALF_UP);
        BigDecimal unexplained = our.average().subtract(printed.average()).subtract(explained);
        if (unexplained.abs().compareTo(AVERAGE_ROUNDING) > 0) {
            wrong.add("average " + our.average() + " (printed " + printed.average() + ", maintain rows explain "
                    + signed(explained.setScale(2, RoundingMode.HALF_UP)) + ")");
        }
    }

    private Map<String, Integer> countsOf(List<PublishedScore> rows, Iterable<String> marks) {
        List<PublishedScore> scored = rows.stream().filter(p -> p.score() != null).toList();
        Map<String, Integer> bands = new LinkedHashMap<>();
        marks.forEach(mark -> bands.put(mark, (int) scored.stream().filter(p -> mark.equals(p.band())).count()));
        return counts(businesses(scored), businesses(rows), scored.size(), rows.size(), bands,
                (int) scored.stream().filter(PublishedScore::achieved).count());
    }

    private int businesses(List<PublishedScore> rows) {
        return (int) rows.stream().map(p -> ours.get(p.kpiId()).kpi().businessNo()).distinct().count();
    }

    private static Map<String, Integer> countsOf(PublishedSummary s) {
        return counts(s.scoredBusinesses(), s.allBusinesses(), s.scoredKpis(), s.allKpis(), s.bandCounts(),
                s.achieved());
    }

    private static Map<String, Integer> countsOf(ProjectSummary s) {
        return counts(s.scoredBusinesses(), s.allBusinesses(), s.scoredKpis(), s.allKpis(), s.bandCounts(),
                s.achieved());
    }

    private static Map<String, Integer> counts(int scoredBusinesses, int allBusinesses, int scoredKpis, int allKpis,
            Map<String, Integer> bands, int achieved) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("集計対象 事業", scoredBusinesses);
        counts.put("全 事業", allBusinesses);
        counts.put("集計対象 KPI", scoredKpis);
        counts.put("全 KPI", allKpis);
        counts.putAll(bands);
        counts.put("☆", achieved);
        return counts;
    }

    private Result result() {
        int rawMatched = derived.matched + annualTarget.matched;
        int rawTotal = derived.total + annualTarget.total;
        String verdict = String.format("raw %d/%d (derived %s, annual target %s) · maintain %s band-only"
                        + " (raw Δ %s) · band %s · ☆ %s · unscored %s · summaries %s (%d printed inconsistencies)",
                rawMatched, rawTotal, derived, annualTarget, maintain, String.join(", ", maintainDeltas), band,
                achieved, unscored, summaries, inconsistencies.size());
        boolean passed = differences.isEmpty() && derived.full() && annualTarget.full() && maintain.full()
                && band.full() && achieved.full() && unscored.full() && summaries.full();
        return new Result(differences, inconsistencies, verdict, passed);
    }

    private static String signed(BigDecimal value) {
        return (value.signum() > 0 ? "+" : "") + value.toPlainString();
    }
}
