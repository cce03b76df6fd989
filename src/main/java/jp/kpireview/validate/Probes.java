package jp.kpireview.validate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.RuleStep;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.engine.ReviewEngine;

/**
 * Probe KPIs the checks run through the rules themselves. A probe is a KPI of one direction in one fiscal year whose
 * actual is varied; nothing here assumes a formula: where the bands change is found by evaluating the rules on
 * many actuals and narrowing down each change (bisection on the actual, the rules as the judge). Every probe's
 * evaluation and every rule step is kept for the checks that follow (one band per score, each concern present,
 * explanations that fill in).
 */
final class Probes {

    /**
     * The KPI a probe varies: the direction's symbol, its baseline and final target, the year evaluated.
     *
     * @param annualTarget the city's annual target of the year (年度目標値); null for none
     */
    record Template(String symbol, BigDecimal baseline, BigDecimal target, int year, BigDecimal annualTarget) {
    }

    /** One evaluated probe: the template, the actual tried, what the rules concluded. */
    record Point(Template template, BigDecimal actual, Evaluation evaluation) {

        boolean judged() {
            return evaluation.judged();
        }
    }

    /** Where the band changes for one template: the last actual of one band and the first of the next. */
    record Change(Point before, Point after) {
    }

    /** Actuals tried first: far out on both sides, and finely around baseline and target. */
    private static final List<BigDecimal> SAMPLES = samples();
    /** Bisection ends when the actuals on either side of a change are this close. */
    private static final BigDecimal CLOSE = new BigDecimal("1E-9");
    private static final int MAX_ROUNDS = 64;

    private final ReviewEngine engine;
    final List<Point> points = new ArrayList<>();
    final List<RuleStep> steps = new ArrayList<>();
    private int next;

    Probes(ReviewEngine engine) {
        this.engine = engine;
    }

    private static List<BigDecimal> samples() {
        List<BigDecimal> samples = new ArrayList<>();
        for (String far : List.of("1000000", "10000", "1000", "400")) {
            samples.add(new BigDecimal(far));
            samples.add(new BigDecimal(far).negate());
        }
        for (int i = -300; i <= 300; i += 20) {
            samples.add(BigDecimal.valueOf(i));
        }
        return samples;
    }

    /** Evaluates the templates on every sample actual and on no actual at all; returns the changes of band. */
    List<Change> explore(List<Template> templates) {
        List<Template> each = new ArrayList<>();
        List<BigDecimal> actuals = new ArrayList<>();
        for (Template t : templates) {
            actuals.add(null);
            each.add(t);
            for (BigDecimal sample : SAMPLES) {
                each.add(t);
                actuals.add(sample);
            }
        }
        List<Point> evaluated = evaluate(each, actuals);
        List<Change> changes = new ArrayList<>();
        for (Template t : templates) {
            List<Point> line = evaluated.stream().filter(p -> p.template() == t && p.actual() != null && p.judged())
                    .sorted((a, b) -> a.actual().compareTo(b.actual())).toList();
            for (int i = 1; i < line.size(); i++) {
                if (!line.get(i - 1).evaluation().band().equals(line.get(i).evaluation().band())) {
                    changes.add(new Change(line.get(i - 1), line.get(i)));
                }
            }
        }
        return narrow(changes);
    }

    /** Bisects every change, all of them in one session per round, until the actuals either side are close. */
    private List<Change> narrow(List<Change> changes) {
        List<Change> open = new ArrayList<>(changes);
        List<Change> done = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS && !open.isEmpty(); round++) {
            List<Template> templates = new ArrayList<>();
            List<BigDecimal> mids = new ArrayList<>();
            for (Change c : open) {
                templates.add(c.before().template());
                mids.add(c.before().actual().add(c.after().actual()).divide(BigDecimal.valueOf(2), 12,
                        RoundingMode.HALF_UP).stripTrailingZeros());
            }
            List<Point> evaluated = evaluate(templates, mids);
            List<Change> still = new ArrayList<>();
            for (int i = 0; i < open.size(); i++) {
                Change c = open.get(i);
                Point mid = evaluated.get(i);
                if (!mid.judged()) {
                    done.add(c);  // a hole in scoring between the two: reported by the band checks as it is
                } else if (mid.evaluation().band().equals(c.before().evaluation().band())) {
                    still.add(new Change(mid, c.after()));
                } else if (mid.evaluation().band().equals(c.after().evaluation().band())) {
                    still.add(new Change(c.before(), mid));
                } else {
                    still.add(new Change(c.before(), mid));  // a third band in between: two changes
                    still.add(new Change(mid, c.after()));
                }
            }
            open = new ArrayList<>();
            for (Change c : still) {
                if (c.after().actual().subtract(c.before().actual()).abs().compareTo(CLOSE) <= 0
                        || adjacent(c)) {
                    done.add(c);
                } else {
                    open.add(c);
                }
            }
        }
        done.addAll(open);
        return done;
    }

    /** The scores either side differ by one unit of their last decimal: no score lies between them. */
    private static boolean adjacent(Change c) {
        BigDecimal a = c.before().evaluation().score();
        BigDecimal b = c.after().evaluation().score();
        if (a == null || b == null) {
            return false;  // bands given without a score: narrowed on the actual alone
        }
        BigDecimal unit = BigDecimal.ONE.movePointLeft(Math.max(a.scale(), b.scale()));
        return a.subtract(b).abs().compareTo(unit) <= 0;
    }

    /** Evaluates {@code templates.get(i)} at {@code actuals.get(i)} (null: no actual) in one session. */
    List<Point> evaluate(List<Template> templates, List<BigDecimal> actuals) {
        List<Kpi> kpis = new ArrayList<>(templates.size());
        for (int i = 0; i < templates.size(); i++) {
            kpis.add(kpi(templates.get(i), actuals.get(i)));
        }
        ReviewEngine.Attempt attempt = engine.attemptEach(kpis, templates.stream().map(Template::year).toList());
        if (!attempt.problems().isEmpty()) {
            throw new DataException(attempt.problems());
        }
        steps.addAll(attempt.steps());
        // the reviews come in year order, each with its year's KPIs in the order given
        Map<Integer, Iterator<Evaluation>> byYear = new HashMap<>();
        attempt.reviews().forEach(r -> byYear.put(r.year(), r.evaluations().iterator()));
        List<Point> result = new ArrayList<>(templates.size());
        for (int i = 0; i < templates.size(); i++) {
            result.add(new Point(templates.get(i), actuals.get(i), byYear.get(templates.get(i).year()).next()));
        }
        points.addAll(result);
        return result;
    }

    private Kpi kpi(Template t, BigDecimal actual) {
        TreeMap<Integer, BigDecimal> actuals = new TreeMap<>();
        if (actual != null) {
            actuals.put(t.year(), actual);
        }
        TreeMap<Integer, BigDecimal> annualTargets = new TreeMap<>();
        if (t.annualTarget() != null) {
            annualTargets.put(t.year(), t.annualTarget());
        }
        String id = "probe" + next++;
        return new Kpi("probe", id, "(probe)", "1", "probe", id, "%", t.symbol(), t.year() - 1, t.baseline(),
                t.year() + 1, t.target(), actuals, annualTargets, "", new SourceLocation("probe", 0), "",
                new TreeMap<>(), Kpi.ANY_COLUMNS);
    }
}
