package jp.kpireview.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.Kpi;

/**
 * One KPI's search for one goal ({@link PlanSearch}): the grid of actuals it samples, from its origin in steps of the
 * KPI's own precision over [worse, better], whether each sample reaches the goal (the rules say), where that changes
 * between two samples, and the answer read from the ranges that reach it.
 */
final class GoalSearch {

    /** Samples of each KPI's range before the changes are narrowed down. */
    private static final int SAMPLES = 32;

    final int kpi;
    final Goal goal;
    final BigDecimal origin;
    final BigDecimal step;
    final int sign;
    final long worse;
    final long better;
    String note;
    BigDecimal answer;
    /** Whether each sample of the KPI's grid reaches the goal. */
    final List<Boolean> reached = new ArrayList<>();

    GoalSearch(int kpi, Goal goal, BigDecimal origin, BigDecimal step, int sign, long worse, long better) {
        this.kpi = kpi;
        this.goal = goal;
        this.origin = origin;
        this.step = step;
        this.sign = sign;
        this.worse = worse;
        this.better = better;
    }

    /** The actual at grid point {@code k}: origin + sign × k × step. */
    BigDecimal at(long k) {
        return origin.add(step.multiply(BigDecimal.valueOf(k * sign)));
    }

    /** A goal of the search: the band at {@code index} or better, or (index −1) ☆. */
    record Goal(int index, String name) {
    }

    /**
     * Where reaching the goal changes between two grid points: narrowed until they are neighbours.
     *
     * @param reachedOnBetterSide whether the better of the two reaches the goal (the change enters it) or not (it
     *                            leaves it)
     */
    static final class Change {
        final GoalSearch search;
        long worse;
        long better;
        final boolean reachedOnBetterSide;

        Change(GoalSearch search, long worse, long better, boolean reachedOnBetterSide) {
            this.search = search;
            this.worse = worse;
            this.better = better;
            this.reachedOnBetterSide = reachedOnBetterSide;
        }
    }

    /**
     * Samples over [worse, better], in grid steps: both ends, evenly between them, and the KPI's own values with a step
     * either side (its baseline, target, actuals and annual targets: where a policy's bands change, and where a band
     * held only near the target is found even when it is narrower than the even samples' spacing).
     */
    List<Long> grid(Kpi kpi) {
        java.util.TreeSet<Long> grid = new java.util.TreeSet<>();
        long span = better - worse;
        int n = (int) Math.max(Math.min(SAMPLES, span), 1);
        for (int i = 0; i <= n; i++) {
            grid.add(worse + Math.round((double) span * i / n));
        }
        List<BigDecimal> own = new ArrayList<>(List.of(kpi.finalTarget()));
        own.addAll(kpi.targetRevisions().values());
        if (kpi.baseline() != null) {
            own.add(kpi.baseline());
        }
        own.addAll(kpi.actuals().values());
        own.addAll(kpi.annualTargets().values());
        for (BigDecimal value : own) {
            long k = value.subtract(origin).multiply(BigDecimal.valueOf(sign))
                    .divide(step, 0, RoundingMode.HALF_UP).longValue();
            for (long g = k - 1; g <= k + 1; g++) {
                if (g >= worse && g <= better) {
                    grid.add(g);
                }
            }
        }
        return List.copyOf(grid);
    }

    /**
     * The answer from the goal's ranges: the least good actual of the range that runs to the best value searched
     * (以上 / 以下); a goal reached only in a range between two values is said so, with that range's least good end.
     */
    void answer(List<Long> grid, List<Change> changes) {
        // the ranges of grid points that reach the goal, worse to better
        List<long[]> ranges = new ArrayList<>();
        long from = reached.get(0) ? grid.get(0) : Long.MIN_VALUE;
        for (Change c : changes) {
            if (c.reachedOnBetterSide) {
                from = c.better;
            } else {
                ranges.add(new long[] {from, c.worse});
                from = Long.MIN_VALUE;
            }
        }
        if (from != Long.MIN_VALUE) {
            ranges.add(new long[] {from, grid.get(grid.size() - 1)});
        }
        long[] last = ranges.get(ranges.size() - 1);
        boolean openEnded = reached.get(reached.size() - 1);
        answer = at(last[0]);
        List<String> only = new ArrayList<>();
        for (long[] r : openEnded ? ranges.subList(0, ranges.size() - 1) : ranges) {
            BigDecimal a = at(r[0]);
            BigDecimal b = at(r[1]);
            only.add(a.min(b).toPlainString() + " から " + a.max(b).toPlainString() + " の間");
        }
        if (!openEnded) {
            note = "この範囲でのみ達する: " + String.join("、", only);
        } else if (!only.isEmpty()) {
            note = "ほかに " + String.join("、", only) + " でも達する";
        } else if (last[0] == grid.get(0)) {
            note = "どの実績値でも達する";
        }
    }
}
