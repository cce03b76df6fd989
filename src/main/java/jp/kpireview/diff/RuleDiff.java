package jp.kpireview.diff;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jp.kpireview.batch.BatchRunner;
import jp.kpireview.batch.YearSelection;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.engine.Review;
import jp.kpireview.engine.PolicyEngine;

/**
 * What a rule edit changes: the same data evaluated with two rule folders, compared KPI by KPI (band, ☆, score) and
 * project by project (average and band counts). How an officer previews a threshold change before adopting it.
 */
public final class RuleDiff {

    /** A KPI-year whose band or ☆ differs between the two rule folders. */
    public record KpiChange(Evaluation before, Evaluation after) {
    }

    /** A project-year whose summary differs. */
    public record SummaryChange(String municipality, ProjectSummary before, ProjectSummary after) {
    }

    /**
     * @param kpiYears     KPI-years compared
     * @param scoreChanges KPI-years whose score changed, band and ☆ staying the same
     */
    public record Result(long kpiYears, List<KpiChange> kpis, List<SummaryChange> summaries, long scoreChanges) {
    }

    private final PolicyEngine before;
    private final PolicyEngine after;
    private final YearSelection years;

    public RuleDiff(PolicyEngine before, PolicyEngine after, YearSelection years) {
        this.before = before;
        this.after = after;
        this.years = years;
    }

    /** Compares every municipality of the data; {@code kpis} are one file's KPIs. */
    public void compare(List<Kpi> kpis, Accumulator into) {
        BatchRunner.byMunicipality(kpis).forEach((municipality, own) -> {
            List<Integer> evaluated = years.resolve(own);
            List<Review> a = before.evaluate(own, evaluated);
            List<Review> b = after.evaluate(own, evaluated);
            for (int y = 0; y < a.size(); y++) {
                compare(municipality, a.get(y), b.get(y), into);
            }
        });
    }

    private static void compare(String municipality, Review a, Review b, Accumulator into) {
        for (int i = 0; i < a.evaluations().size(); i++) {
            Evaluation x = a.evaluations().get(i);
            Evaluation y = b.evaluations().get(i);
            into.kpiYears++;
            if (!Objects.equals(mark(x), mark(y)) || x.achieved() != y.achieved() || x.status() != y.status()) {
                into.kpis.add(new KpiChange(x, y));
            } else if (!sameNumber(x.score(), y.score())) {
                into.scoreChanges++;
            }
        }
        List<ProjectSummary> sa = a.summaries();
        List<ProjectSummary> sb = b.summaries();
        for (int i = 0; i < sa.size(); i++) {
            ProjectSummary x = sa.get(i);
            ProjectSummary y = sb.get(i);
            if (!sameNumber(x.average(), y.average()) || !x.bandCounts().equals(y.bandCounts())
                    || x.achieved() != y.achieved() || x.scoredKpis() != y.scoredKpis()) {
                into.summaries.add(new SummaryChange(municipality, x, y));
            }
        }
    }

    /** Collects the changes of a run, file after file. */
    public static final class Accumulator {
        private long kpiYears;
        private long scoreChanges;
        private final List<KpiChange> kpis = new ArrayList<>();
        private final List<SummaryChange> summaries = new ArrayList<>();

        public Result result() {
            return new Result(kpiYears, List.copyOf(kpis), List.copyOf(summaries), scoreChanges);
        }
    }

    static String mark(Evaluation e) {
        return e.band() == null ? null : e.band().mark();
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
