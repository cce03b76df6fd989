package jp.kpireview.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.Plan;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.facts.Better;

/**
 * The inverse question policy staff ask of the rules when they plan the next year: what actual does each KPI need
 * for each band, and for ☆? Found by evaluating the rules themselves — a search over the actual with the rules as
 * the judge, all KPIs' searches in one session per step — never by a formula copied into Java. Each answer is on the
 * KPI's own grid (whole numbers for counts, the data's decimals otherwise) and is checked by a last evaluation: the
 * answer reaches the band, one step worse does not.
 */
public final class PlanSearch {

    /** How far beyond the baseline–target span the search looks, in spans. */
    private static final int REACH = 20;
    private static final int MAX_STEPS = 200;
    /** Probes evaluated in one session. */
    private static final int SESSION = 512;

    private final PolicyEngine engine;

    public PlanSearch(PolicyEngine engine) {
        this.engine = engine;
    }

    /** The actual each KPI needs in {@code year} for each band and for ☆, searched with the rules. */
    public Plan plan(List<Kpi> kpis, int year) {
        ReviewEngine single = engine.engineFor(year);
        ReviewEngine.Tables tables = single.tables();
        List<Band> bands = tables.bands();
        List<GoalSearch.Goal> goals = new ArrayList<>();
        for (int i = 1; i < bands.size(); i++) {
            goals.add(new GoalSearch.Goal(i, bands.get(i).mark()));
        }
        if (tables.terms().hasFlag()) {
            goals.add(new GoalSearch.Goal(-1, tables.terms().flag()));
        }
        List<GoalSearch> searches = new ArrayList<>();
        List<Better> betters = new ArrayList<>();
        List<BigDecimal> steps = new ArrayList<>();
        for (int k = 0; k < kpis.size(); k++) {
            Kpi kpi = kpis.get(k);
            Better better = tables.directions().betterOf(kpi.directionText());
            if (better == null) {
                throw new DataException(kpi.source(), "direction", "方向の記号 '" + kpi.directionText() + "' は方針の表にありません"
                        + " (unknown direction '" + kpi.directionText() + "')");
            }
            BigDecimal step = step(kpi);
            // the search is centred on the baseline, or where a town publishes none, on the latest actual or the target
            BigDecimal centre = kpi.baseline() != null ? kpi.baseline() : kpi.actuals().isEmpty() ? kpi.finalTarget()
                    : kpi.actuals().lastEntry().getValue();
            BigDecimal span = kpi.finalTarget().subtract(centre).abs().max(kpi.finalTarget().abs())
                    .max(BigDecimal.ONE);
            long reach = span.multiply(BigDecimal.valueOf(REACH)).divide(step, 0, RoundingMode.CEILING).longValue();
            int sign = better == Better.HIGHER ? 1 : -1;
            // grid point 0 is the baseline; the search runs from `reach` steps worse to `reach` steps better
            BigDecimal origin = centre.setScale(Math.max(step.scale(), 0), RoundingMode.HALF_UP);
            betters.add(better);
            steps.add(step);
            // a KPI whose data holds no negative value cannot take one (a count, a rate): the search stays at 0 or above
            long worse = -reach;
            long best = reach;
            if (!canBeNegative(kpi)) {
                long toZero = origin.divide(step, 0, RoundingMode.FLOOR).longValue();
                if (sign > 0) {
                    worse = Math.max(worse, -toZero);
                } else {
                    best = Math.min(best, toZero);
                }
            }
            for (GoalSearch.Goal g : goals) {
                searches.add(new GoalSearch(k, g, origin, step, sign, worse, best));
            }
        }
        // sampled first (one evaluation per KPI and sample serves every goal), then each change between two samples
        // narrowed down: nothing assumes that a better actual gives a better band
        List<GoalSearch> open = new ArrayList<>();
        List<List<Long>> samples = new ArrayList<>();
        for (int k = 0; k < kpis.size(); k++) {
            samples.add(null);
        }
        List<GoalSearch> firstOfKpi = new ArrayList<>();
        for (GoalSearch s : searches) {
            if (samples.get(s.kpi) == null) {
                samples.set(s.kpi, s.grid(kpis.get(s.kpi)));
                firstOfKpi.add(s);
            }
        }
        List<GoalSearch> sampleSearches = new ArrayList<>();
        List<Long> sampleAt = new ArrayList<>();
        for (GoalSearch s : firstOfKpi) {
            for (long g : samples.get(s.kpi)) {
                sampleSearches.add(s);
                sampleAt.add(g);
            }
        }
        List<Evaluation> sampled = evaluate(kpis, sampleSearches, sampleAt, year);
        java.util.Map<Integer, List<Evaluation>> sampledOf = new java.util.HashMap<>();
        for (int i = 0; i < sampleSearches.size(); i++) {
            sampledOf.computeIfAbsent(sampleSearches.get(i).kpi, k -> new ArrayList<>()).add(sampled.get(i));
        }
        // each change of "reaches the goal" between two samples, as an interval [worse, better] to narrow
        List<GoalSearch.Change> changes = new ArrayList<>();
        for (GoalSearch s : searches) {
            List<Long> grid = samples.get(s.kpi);
            List<Evaluation> at = sampledOf.get(s.kpi);
            for (int i = 0; i < grid.size(); i++) {
                s.reached.add(reaches(at.get(i), s.goal, bands));
            }
            if (!s.reached.contains(true)) {
                Evaluation best = at.get(at.size() - 1);
                s.note = best.judged() ? "達しない: " + s.at(s.better).toPlainString() + " でも "
                        + best.band().mark() : "評価できない (" + best.status().label() + ")";
                continue;
            }
            open.add(s);
            for (int i = 1; i < grid.size(); i++) {
                if (s.reached.get(i) != s.reached.get(i - 1)) {
                    changes.add(new GoalSearch.Change(s, grid.get(i - 1), grid.get(i), s.reached.get(i)));
                }
            }
        }
        for (int round = 0; round < MAX_STEPS; round++) {
            List<GoalSearch.Change> narrowing = changes.stream().filter(c -> c.better - c.worse > 1).toList();
            if (narrowing.isEmpty()) {
                break;
            }
            List<Evaluation> mid = evaluate(kpis, narrowing.stream().map(c -> c.search).toList(),
                    narrowing.stream().map(c -> Math.floorDiv(c.worse + c.better, 2)).toList(), year);
            for (int i = 0; i < narrowing.size(); i++) {
                GoalSearch.Change c = narrowing.get(i);
                long m = Math.floorDiv(c.worse + c.better, 2);
                if (reaches(mid.get(i), c.search.goal, bands) == c.reachedOnBetterSide) {
                    c.better = m;
                } else {
                    c.worse = m;
                }
            }
        }
        for (GoalSearch s : open) {
            s.answer(samples.get(s.kpi), changes.stream().filter(c -> c.search == s).toList());
        }
        verify(kpis, open.stream().filter(s -> s.answer != null).toList(), year, bands);
        List<Plan.KpiNeeds> plans = new ArrayList<>();
        for (int k = 0; k < kpis.size(); k++) {
            List<Plan.Need> needs = new ArrayList<>();
            for (GoalSearch s : searches) {
                if (s.kpi == k) {
                    needs.add(new Plan.Need(s.goal.name(), s.answer, s.note == null ? "" : s.note));
                }
            }
            plans.add(new Plan.KpiNeeds(kpis.get(k), betters.get(k) == Better.HIGHER, steps.get(k), needs));
        }
        return new Plan(year, engine.policyFor(year).ref(), bands, tables.terms(), plans);
    }

    /**
     * The answer reaches the goal and one step worse does not (unless the answer is the worst value searched): the
     * search's claim, checked by the rules again.
     */
    private void verify(List<Kpi> kpis, List<GoalSearch> searches, int year, List<Band> bands) {
        List<Evaluation> at = evaluate(kpis, searches, s -> s.answer, year);
        List<Evaluation> below = evaluate(kpis, searches, s -> s.answer.subtract(s.step.multiply(
                BigDecimal.valueOf(s.sign))), year);
        for (int i = 0; i < searches.size(); i++) {
            GoalSearch s = searches.get(i);
            boolean atWorstEnd = s.answer.compareTo(s.at(s.worse)) == 0;
            if (!reaches(at.get(i), s.goal, bands) || !atWorstEnd && reaches(below.get(i), s.goal, bands)) {
                s.note = "the band does not change at one place (the rules are not monotone here); "
                        + s.answer.toPlainString() + " reaches it";
            }
        }
    }

    private static boolean reaches(Evaluation e, GoalSearch.Goal goal, List<Band> bands) {
        if (!e.judged()) {
            return false;
        }
        return goal.index() < 0 ? e.achieved() : bands.indexOf(e.band()) >= goal.index();
    }

    /** Each search's KPI at its grid point {@code points.get(i)}, all in one session. */
    private List<Evaluation> evaluate(List<Kpi> kpis, List<GoalSearch> searches, List<Long> points, int year) {
        List<BigDecimal> actuals = new ArrayList<>(points.size());
        for (int i = 0; i < searches.size(); i++) {
            actuals.add(searches.get(i).at(points.get(i)));
        }
        return evaluateAt(kpis, searches, actuals, year);
    }

    /** True when the KPI's data holds a negative value: only then may the search try one. */
    private static boolean canBeNegative(Kpi kpi) {
        return kpi.baseline() != null && kpi.baseline().signum() < 0 || kpi.finalTarget().signum() < 0
                || kpi.actuals().values().stream().anyMatch(v -> v.signum() < 0)
                || kpi.annualTargets().values().stream().anyMatch(v -> v.signum() < 0)
                || kpi.targetRevisions().values().stream().anyMatch(v -> v.signum() < 0);
    }

    /** Each search's KPI with the actual {@code at} gives for the year. */
    private List<Evaluation> evaluate(List<Kpi> kpis, List<GoalSearch> searches,
            java.util.function.Function<GoalSearch, BigDecimal> at, int year) {
        return evaluateAt(kpis, searches, searches.stream().map(at).toList(), year);
    }

    /** The KPI of search {@code i} with {@code actuals.get(i)} for the year, in sessions of {@value #SESSION}. */
    private List<Evaluation> evaluateAt(List<Kpi> kpis, List<GoalSearch> searches, List<BigDecimal> actuals, int year) {
        List<Kpi> probes = new ArrayList<>(searches.size());
        for (int i = 0; i < searches.size(); i++) {
            probes.add(kpis.get(searches.get(i).kpi).withId(kpis.get(searches.get(i).kpi).id() + "#" + i)
                    .withActual(year, actuals.get(i)));
        }
        // sessions of a few hundred KPIs: the summary rules collect a project's KPIs, and one session of thousands
        // of probes of one project costs more than several small ones
        List<Evaluation> evaluations = new ArrayList<>(probes.size());
        for (int from = 0; from < probes.size(); from += SESSION) {
            evaluations.addAll(engine.evaluate(probes.subList(from, Math.min(from + SESSION, probes.size())), year)
                    .evaluations());
        }
        return evaluations;
    }

    /**
     * The KPI's grid: 1 for a count (whole numbers and not %), else one unit of the last decimal its baseline,
     * target and actuals are written with.
     */
    static BigDecimal step(Kpi kpi) {
        int decimals = 0;
        List<BigDecimal> values = new ArrayList<>(List.of(kpi.finalTarget()));
        values.addAll(kpi.targetRevisions().values());
        if (kpi.baseline() != null) {
            values.add(kpi.baseline());
        }
        values.addAll(kpi.actuals().values());
        for (BigDecimal v : values) {
            decimals = Math.max(decimals, Math.max(v.stripTrailingZeros().scale(), 0));
        }
        return BigDecimal.ONE.movePointLeft(decimals);
    }
}
