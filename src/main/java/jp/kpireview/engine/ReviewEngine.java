package jp.kpireview.engine;

import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.rulebase.RuleProblem;
import jp.kpireview.rulebase.RuleSetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.DataProblem;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.PolicyRef;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.domain.RuleStep;
import jp.kpireview.domain.Terms;
import jp.kpireview.facts.DirectionSymbols;
import jp.kpireview.facts.KpiYear;
import jp.kpireview.facts.MissingValue;
import jp.kpireview.facts.Outcome;
import jp.kpireview.facts.ProjectYear;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;

/**
 * Runs the rules over the KPIs of one fiscal year: inserts one {@link KpiYear} per KPI into a fresh session, fires,
 * and reads each KPI's {@link Outcome} back. Java decides nothing about scores; it only checks that the rules left
 * every KPI with a complete conclusion, so a rule edit that drops a case fails loudly instead of producing blanks.
 */
public final class ReviewEngine {

    /** The most facts a session is given when a run's years can be split between sessions. */
    static final int SESSION_FACTS = 4096;

    private final RuleBase rules;
    private final Trace trace;
    private final PolicyRef policy;
    /** {@link System#nanoTime()} by which every session must be done; {@code Long.MAX_VALUE}: no budget. */
    private final long deadline;
    /** The rules' tables, once read; shared with the copies {@link #withDeadline} makes. */
    private final AtomicReference<Tables> tables;

    public ReviewEngine(RuleBase rules) {
        this(rules, false);
    }

    /** How much a run records of the rules that fired. */
    public enum Trace {
        /** Nothing: the fast path of every report. */
        OFF,
        /** Each rule's typed effects, without words: the check a run makes of its rules before it evaluates. */
        STEPS,
        /**
         * Each rule's typed effects, with its explanation filled in at its first firing of a session only (enough to
         * find a placeholder that names nothing): the rule check's probes and the scenario runs.
         */
        EFFECTS,
        /** Every firing with its explanation in the rule's own words: explain and {@code evaluate --trace}. */
        WORDS
    }

    /** With {@code trace}, each evaluation lists the rules that fired for its KPI in their own words (explain). */
    public ReviewEngine(RuleBase rules, boolean trace) {
        this(rules, trace ? Trace.WORDS : Trace.OFF);
    }

    public ReviewEngine(RuleBase rules, Trace trace) {
        this(rules, trace, Policy.refOf(rules.folder()), Long.MAX_VALUE);
    }

    /** @param policy the name and version the reviews carry, so each result names the rules it came from */
    public ReviewEngine(RuleBase rules, boolean trace, PolicyRef policy) {
        this(rules, trace ? Trace.WORDS : Trace.OFF, policy, Long.MAX_VALUE);
    }

    private ReviewEngine(RuleBase rules, Trace trace, PolicyRef policy, long deadline) {
        this(rules, trace, policy, deadline, new AtomicReference<>());
    }

    private ReviewEngine(RuleBase rules, Trace trace, PolicyRef policy, long deadline,
            AtomicReference<Tables> tables) {
        this.tables = tables;
        this.rules = rules;
        this.trace = trace;
        this.policy = policy;
        this.deadline = deadline;
    }

    /** The same engine with a time budget: sessions still firing at {@code deadline} are halted. */
    public ReviewEngine withDeadline(long deadline) {
        return new ReviewEngine(rules, trace, policy, deadline, tables);
    }

    /** The same engine (and budget) recording every firing in its rule's words: explain. */
    public ReviewEngine traced() {
        return new ReviewEngine(rules, Trace.WORDS, policy, deadline, tables);
    }

    /** The same engine on a copy of its rules for one thread at a time ({@link RuleBase#copyForOneThread}). */
    ReviewEngine copyForOneThread() {
        return new ReviewEngine(rules.copyForOneThread(), trace, policy, deadline, tables);
    }

    public Review evaluate(List<Kpi> kpis, int year) {
        return evaluate(kpis, List.of(year)).get(0);
    }

    /**
     * Evaluates the KPIs for each of {@code years}, one fact per KPI and year, the years sharing sessions of a few
     * thousand facts (the fast ones). Returns one review per year, in the order given.
     */
    public List<Review> evaluate(List<Kpi> kpis, List<Integer> years) {
        Attempt attempt = attempt(kpis, years);
        if (!attempt.problems().isEmpty()) {
            throw new DataException(attempt.problems());
        }
        return attempt.reviews();
    }

    /**
     * What the rules concluded, and the data problems they found (an unknown direction …), for callers that show
     * both (scenario tests). A KPI with a problem may lack a status. With tracing, {@code steps} holds every rule
     * that fired, with its explanation (empty otherwise).
     */
    public record Attempt(List<Review> reviews, List<DataProblem> problems, List<RuleStep> steps) {

        /** The names of the rules that fired, KPI and summary rules alike (traced attempts only). */
        public Set<String> firedRules() {
            return steps.stream().map(RuleStep::rule).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    public Attempt attempt(List<Kpi> kpis, List<Integer> years) {
        Map<Integer, List<Kpi>> byYear = new LinkedHashMap<>();
        years.forEach(year -> byYear.put(year, kpis));
        return attempt(byYear);
    }

    /**
     * Each KPI evaluated in its own year only, all in one session (validate's probes): one review per distinct year,
     * in year order, holding the evaluations of that year's KPIs in the order given.
     */
    public Attempt attemptEach(List<Kpi> kpis, List<Integer> yearOfEach) {
        Map<Integer, List<Kpi>> byYear = new TreeMap<>();
        for (int i = 0; i < kpis.size(); i++) {
            byYear.computeIfAbsent(yearOfEach.get(i), y -> new ArrayList<>()).add(kpis.get(i));
        }
        return attempt(byYear);
    }

    /**
     * The years in sessions of at most {@value #SESSION_FACTS} facts (a year alone when it holds more): a small
     * municipality's years share one session, which is fast, and a large sheet's session holds one year, which bounds
     * its memory (a session takes about 4 KB a fact: 20,000 KPIs of five years in one session held 420 MB). Every
     * rule compares facts of one year, so where the cut falls changes no result.
     */
    private Attempt attempt(Map<Integer, List<Kpi>> byYear) {
        List<Review> reviews = new ArrayList<>(byYear.size());
        List<DataProblem> problems = new ArrayList<>();
        List<RuleStep> steps = new ArrayList<>();
        // every year usually holds the same list of KPIs: their grouping is worked out once per list, not once per
        // year
        Map<List<Kpi>, Summaries.Grouping> groupingOf = new IdentityHashMap<>();
        Map<Integer, List<Kpi>> session = new LinkedHashMap<>();
        int facts = 0;
        Iterator<Map.Entry<Integer, List<Kpi>>> years = byYear.entrySet().iterator();
        while (years.hasNext()) {
            Map.Entry<Integer, List<Kpi>> year = years.next();
            if (!session.isEmpty() && facts + year.getValue().size() > SESSION_FACTS) {
                add(attemptTogether(session, groupingOf), reviews, problems, steps);
                session = new LinkedHashMap<>();
                facts = 0;
            }
            session.put(year.getKey(), year.getValue());
            facts += year.getValue().size();
        }
        if (!session.isEmpty() || byYear.isEmpty()) {
            add(attemptTogether(session, groupingOf), reviews, problems, steps);
        }
        return new Attempt(reviews, problems.stream().distinct().toList(), steps);
    }

    private static void add(Attempt part, List<Review> reviews, List<DataProblem> problems, List<RuleStep> steps) {
        reviews.addAll(part.reviews());
        problems.addAll(part.problems());
        steps.addAll(part.steps());
    }

    /** The years in one session. */
    private Attempt attemptTogether(Map<Integer, List<Kpi>> byYear,
            Map<List<Kpi>, Summaries.Grouping> groupingOf) {
        List<KpiYear> facts = new ArrayList<>();
        Map<Integer, List<ProjectYear>> groups = new LinkedHashMap<>();
        byYear.forEach((year, kpis) -> {
            for (Kpi kpi : kpis) {
                facts.add(KpiYear.of(kpi, year));
            }
            groups.put(year, groupingOf.computeIfAbsent(kpis, Summaries.Grouping::of).groups(year));
        });
        List<RuleStep> steps = new ArrayList<>();
        Tables tables;
        try {
            tables = fire(facts, groups.values().stream().flatMap(List::stream).toList(), steps);
        } catch (MissingValue missing) {
            throw DataProblems.missingData(missing, facts, byYear);
        }
        List<DataProblem> problems = new ArrayList<>();
        DataProblems.shownColumns(byYear.values(), tables.terms(), problems);
        List<Review> reviews = new ArrayList<>(byYear.size());
        Iterator<KpiYear> fact = facts.iterator();
        for (Map.Entry<Integer, List<Kpi>> entry : byYear.entrySet()) {
            int year = entry.getKey();
            List<Evaluation> evaluations = new ArrayList<>(entry.getValue().size());
            for (Kpi kpi : entry.getValue()) {
                Outcome outcome = fact.next().outcome();
                outcome.problems().forEach(p -> problems.add(new DataProblem(kpi.source(), p.field(), p.message())));
                evaluations.add(toEvaluation(kpi, year, outcome, tables.terms()));
            }
            List<ProjectSummary> summaries = new ArrayList<>();
            List<ProjectSummary> overall = new ArrayList<>();
            if (problems.isEmpty()) {
                for (ProjectYear group : groups.get(year)) {
                    ProjectSummary s = Summaries.read(group, tables, rules);
                    (group.whole() ? overall : summaries).add(s);
                }
            }
            reviews.add(new Review(year, evaluations, tables.bands(), tables.bandRows(), tables.grades(), summaries,
                    overall, policy, tables.terms()));
        }
        return new Attempt(reviews, problems.stream().distinct().toList(), steps);
    }

    /** Fires the rules over one batch (KPI-years and the groups to summarise); returns the tables they defined. */
    private Tables fire(Collection<KpiYear> facts, List<ProjectYear> groups, List<RuleStep> steps) {
        return inSession(session -> {
            FiredRuleRecorder recorder = trace == Trace.OFF ? null : new FiredRuleRecorder(rules, trace);
            if (recorder != null) {
                session.addEventListener(recorder);
                session.addEventListener(recorder.insertions);
            }
            facts.forEach(session::insert);
            groups.forEach(session::insert);
            fire(session, facts.size() + groups.size());
            if (recorder != null) {
                steps.addAll(recorder.steps);
            }
            return TablesReader.read(session, rules.folder());
        });
    }

    /** Runs {@code work} in a new session; whatever a rule does wrong comes out located, as a rule-set error. */
    private <T> T inSession(Function<KieSession, T> work) {
        KieSession session = rules.newSession();
        try {
            return work.apply(session);
        } catch (RuleSetException | DataException | OverBudgetException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new SessionFailure(rules).located(e);
        } finally {
            session.dispose();
        }
    }

    /** Fires within the bounds; rules that fire without end are a rule-set error naming them, file and line. */
    private void fire(KieSession session, int facts) {
        FiringBound.Runaway runaway = FiringBound.fire(session, facts, deadline, rules.oneThread());
        if (runaway == null) {
            return;
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (Rule rule : runaway.rules()) {
            RuleProblem at = rules.locate(rule);
            problems.add(new RuleProblem(at.file(), at.line(), "ルール \"" + rule.getName() + "\" が終わらずに"
                    + "動き続けます: " + runaway.reason() + "。自分の条件に合う事実を変えたり入れたりするルールには、変えた後は"
                    + "合わなくなる条件が要ります"));
        }
        if (problems.isEmpty()) {
            problems.add(new RuleProblem(rules.folder().toString(), 0, "ルールが終わりません: " + runaway.reason()));
        }
        throw new RuleSetException(problems);
    }

    /**
     * The tables the rules define with an empty {@code when}: the band scale, the direction symbols, the policy's
     * words and, when the rules grade summaries, the grade table (empty otherwise); read by {@link TablesReader}.
     *
     * @param bandRows where each band is written, in the order of {@code bands}: its table row
     *                 ({@code 区分表 5行目}), or empty when a DRL rule wrote the scale
     */
    public record Tables(List<Band> bands, List<String> bandRows, DirectionSymbols directions, List<String> grades,
            Terms terms) {
    }

    /** The tables of these rules: read from a session once, since the rules cannot change under an engine. */
    public Tables tables() {
        Tables known = tables.get();
        if (known == null) {
            known = inSession(session -> {
                fire(session, 0);
                return TablesReader.read(session, rules.folder());
            });
            tables.set(known);
        }
        return known;
    }

    private Evaluation toEvaluation(Kpi kpi, int year, Outcome o, Terms terms) {
        if (o.problems().isEmpty()) {
            Completeness.require(kpi, year, o, terms, rules.folder());
        }
        return new Evaluation(kpi, year, o.status(), o.direction(), o.referenceKind(), o.reference(),
                o.rawScore(), o.score(), o.band(), o.achieved(), o.statusReason(), o.trace());
    }
}
