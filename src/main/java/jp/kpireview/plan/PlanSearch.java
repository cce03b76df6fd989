package jp.kpireview.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
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

    private final PolicyEngine engine;

    public PlanSearch(PolicyEngine engine) {
        this.engine = engine;
    }

    /** A goal of the search: the band at {@code index} or better, or (index −1) ☆. */
    private record Goal(int index, String name) {
    }

    /** One search: the KPI, a goal, and the grid interval [worse, better] in steps from an origin. */
    private static final class Search {
        final int kpi;
        final Goal goal;
        final BigDecimal origin;
        final BigDecimal step;
        final int sign;
        long worse;
        long better;
        String note;
        BigDecimal answer;

        Search(int kpi, Goal goal, BigDecimal origin, BigDecimal step, int sign, long worse, long better) {
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
    }

    public Plan plan(List<Kpi> kpis, int year) {
        ReviewEngine single = engine.engineFor(year);
        ReviewEngine.Tables tables = single.tables();
        List<Band> bands = tables.bands();
        List<Goal> goals = new ArrayList<>();
        for (int i = 1; i < bands.size(); i++) {
            goals.add(new Goal(i, bands.get(i).mark()));
        }
        if (tables.terms().hasFlag()) {
            goals.add(new Goal(-1, tables.terms().flag()));
        }
        List<Search> searches = new ArrayList<>();
        List<Better> betters = new ArrayList<>();
        List<BigDecimal> steps = new ArrayList<>();
        for (int k = 0; k < kpis.size(); k++) {
            Kpi kpi = kpis.get(k);
            Better better = tables.directions().betterOf(kpi.directionText());
            if (better == null) {
                throw new DataException(kpi.source(), "direction", "unknown direction '" + kpi.directionText() + "'");
            }
            BigDecimal step = step(kpi);
            BigDecimal span = kpi.finalTarget().subtract(kpi.baseline()).abs().max(kpi.finalTarget().abs())
                    .max(BigDecimal.ONE);
            long reach = span.multiply(BigDecimal.valueOf(REACH)).divide(step, 0, RoundingMode.CEILING).longValue();
            int sign = better == Better.HIGHER ? 1 : -1;
            // grid point 0 is the baseline; the search runs from `reach` steps worse to `reach` steps better
            BigDecimal origin = kpi.baseline().setScale(Math.max(step.scale(), 0), RoundingMode.HALF_UP);
            betters.add(better);
            steps.add(step);
            for (Goal g : goals) {
                searches.add(new Search(k, g, origin, step, sign, -reach, reach));
            }
        }
        // the ends first: a goal the best end does not reach cannot be reached; one the worst end reaches, always is
        List<Evaluation> worst = evaluate(kpis, searches, s -> s.at(s.worse), year);
        List<Evaluation> best = evaluate(kpis, searches, s -> s.at(s.better), year);
        List<Search> open = new ArrayList<>();
        for (int i = 0; i < searches.size(); i++) {
            Search s = searches.get(i);
            if (!reaches(best.get(i), s.goal, bands)) {
                s.note = best.get(i).judged() ? "cannot be reached: even " + s.at(s.better).toPlainString() + " gets "
                        + (best.get(i).band() == null ? "no band" : best.get(i).band().mark())
                        : "cannot be scored (" + best.get(i).status().code() + ")";
            } else if (reaches(worst.get(i), s.goal, bands)) {
                s.answer = s.at(s.worse);
                s.note = "reached by any actual";
            } else {
                open.add(s);
            }
        }
        for (int round = 0; round < MAX_STEPS && !open.isEmpty(); round++) {
            List<Search> narrowing = open.stream().filter(s -> s.better - s.worse > 1).toList();
            if (narrowing.isEmpty()) {
                break;
            }
            List<Evaluation> mid = evaluate(kpis, narrowing, s -> s.at(Math.floorDiv(s.worse + s.better, 2)), year);
            for (int i = 0; i < narrowing.size(); i++) {
                Search s = narrowing.get(i);
                long m = Math.floorDiv(s.worse + s.better, 2);
                if (reaches(mid.get(i), s.goal, bands)) {
                    s.better = m;
                } else {
                    s.worse = m;
                }
            }
        }
        for (Search s : open) {
            s.answer = s.at(s.better);
        }
        verify(kpis, open, year, bands);
        List<Plan.KpiNeeds> plans = new ArrayList<>();
        for (int k = 0; k < kpis.size(); k++) {
            List<Plan.Need> needs = new ArrayList<>();
            for (Search s : searches) {
                if (s.kpi == k) {
                    needs.add(new Plan.Need(s.goal.name(), s.answer, s.note == null ? "" : s.note));
                }
            }
            plans.add(new Plan.KpiNeeds(kpis.get(k), betters.get(k) == Better.HIGHER, steps.get(k), needs));
        }
        return new Plan(year, engine.policyFor(year).ref(), bands, tables.terms(), plans);
    }

    /** The answer reaches the goal and one step worse does not: the search's claim, checked by the rules again. */
    private void verify(List<Kpi> kpis, List<Search> searches, int year, List<Band> bands) {
        List<Evaluation> at = evaluate(kpis, searches, s -> s.answer, year);
        List<Evaluation> below = evaluate(kpis, searches, s -> s.answer.subtract(s.step.multiply(
                BigDecimal.valueOf(s.sign))), year);
        for (int i = 0; i < searches.size(); i++) {
            Search s = searches.get(i);
            if (!reaches(at.get(i), s.goal, bands) || reaches(below.get(i), s.goal, bands)) {
                s.note = "the band does not change at one place (the rules are not monotone here); "
                        + s.answer.toPlainString() + " reaches it";
            }
        }
    }

    private static boolean reaches(Evaluation e, Goal goal, List<Band> bands) {
        if (!e.judged()) {
            return false;
        }
        return goal.index() < 0 ? e.achieved() : bands.indexOf(e.band()) >= goal.index();
    }

    /** Each search's KPI with the actual {@code at} gives for the year, all in one session. */
    private List<Evaluation> evaluate(List<Kpi> kpis, List<Search> searches,
            java.util.function.Function<Search, BigDecimal> at, int year) {
        List<Kpi> probes = new ArrayList<>(searches.size());
        for (int i = 0; i < searches.size(); i++) {
            Search s = searches.get(i);
            Kpi kpi = kpis.get(s.kpi);
            TreeMap<Integer, BigDecimal> actuals = new TreeMap<>(kpi.actuals());
            actuals.put(year, at.apply(s));
            probes.add(new Kpi(kpi.municipality(), kpi.id() + "#" + i, kpi.project(), kpi.businessNo(), kpi.business(),
                    kpi.name(), kpi.unit(), kpi.directionText(), kpi.baselineYear(), kpi.baseline(), kpi.targetYear(),
                    kpi.finalTarget(), actuals, kpi.plans(), kpi.note(), kpi.source()));
        }
        return probes.isEmpty() ? List.of() : engine.evaluate(probes, year).evaluations();
    }

    /**
     * The KPI's grid: 1 for a count (whole numbers and not %), else one unit of the last decimal its baseline,
     * target and actuals are written with.
     */
    static BigDecimal step(Kpi kpi) {
        int decimals = 0;
        List<BigDecimal> values = new ArrayList<>(List.of(kpi.baseline(), kpi.finalTarget()));
        values.addAll(kpi.actuals().values());
        for (BigDecimal v : values) {
            decimals = Math.max(decimals, Math.max(v.stripTrailingZeros().scale(), 0));
        }
        return BigDecimal.ONE.movePointLeft(decimals);
    }
}
