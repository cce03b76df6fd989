package jp.kpireview.engine;

import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.rulebase.RuleProblem;
import jp.kpireview.rulebase.RuleSetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.Map;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.DataProblem;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.RuleStep;

/**
 * Evaluates each fiscal year under the policy in force that year: the period with the latest start on or before
 * it, or the one policy of a flat rule folder. Each policy is compiled once and has its own session runner; a run
 * over several years splits the years by period and puts the reviews back in the order asked.
 */
public final class PolicyEngine {

    private final Path folder;
    private final List<Policy> policies;
    private final List<ReviewEngine> engines = new ArrayList<>();
    /** Copies for one thread at a time ({@link #withOwnCopy}) not lent out at the moment. */
    private final Queue<PolicyEngine> spareCopies = new ConcurrentLinkedQueue<>();

    /** @param policies oldest first; one with no first year for a flat folder */
    public PolicyEngine(Path folder, List<Policy> policies, boolean trace) {
        this.folder = folder;
        this.policies = List.copyOf(policies);
        policies.forEach(p -> engines.add(new ReviewEngine(p.rules(), trace, p.ref())));
    }

    private PolicyEngine(Path folder, List<Policy> policies, List<ReviewEngine> engines) {
        this.folder = folder;
        this.policies = policies;
        this.engines.addAll(engines);
    }

    /** The same policies with a time budget ({@link System#nanoTime()}): sessions still firing then are halted. */
    public PolicyEngine withDeadline(long deadline) {
        return new PolicyEngine(folder, policies, engines.stream().map(e -> e.withDeadline(deadline)).toList());
    }

    /** The same policies (and budget), recording every firing in its rule's words: explain. */
    public PolicyEngine traced() {
        return new PolicyEngine(folder, policies, engines.stream().map(ReviewEngine::traced).toList());
    }

    /**
     * Runs {@code work} on a copy of these policies that no other thread uses meanwhile: rules of its own whose
     * sessions skip Drools' thread safety (5–9 % of the rules' time; a copy takes about 50 ms to assemble, so a run
     * of many files gains and a run of one does not). A copy is lent to one thread at a time and kept for the next
     * work, so a long-lived engine assembles at most one per thread that works at once.
     */
    public <T> T withOwnCopy(Function<PolicyEngine, T> work) {
        PolicyEngine copy = spareCopies.poll();
        if (copy == null) {
            copy = new PolicyEngine(folder, policies, engines.stream().map(ReviewEngine::copyForOneThread).toList());
        }
        try {
            return work.apply(copy);
        } finally {
            spareCopies.add(copy);
        }
    }

    /** One flat rule folder, in force for every year. */
    public static PolicyEngine of(RuleBase rules, boolean trace) {
        return new PolicyEngine(rules.folder(), List.of(new Policy(Policy.refOf(rules.folder()), null, rules.folder(),
                rules)), trace);
    }

    public static PolicyEngine of(RuleBase rules) {
        return of(rules, false);
    }

    public List<Policy> policies() {
        return policies;
    }

    public Path folder() {
        return folder;
    }

    /** The policy in force in {@code year}; a year before the first period is a rule-set error naming the folder. */
    public Policy policyFor(int year) {
        return policies.get(index(year));
    }

    /** True when some policy is in force in {@code year} (a folder of periods covers none before its first). */
    public boolean covers(int year) {
        Integer first = policies.get(0).firstYear();
        return first == null || first <= year;
    }

    /** The session runner of the policy in force in {@code year}. */
    public ReviewEngine engineFor(int year) {
        return engines.get(index(year));
    }

    private int index(int year) {
        for (int i = policies.size() - 1; i >= 0; i--) {
            Integer first = policies.get(i).firstYear();
            if (first == null || first <= year) {
                return i;
            }
        }
        throw new RuleSetException(new RuleProblem(folder.toString(), 0, FiscalYear.label(year) + " は最初の期間 ("
                + policies.get(0).ref().name() + "、" + FiscalYear.label(policies.get(0).firstYear())
                + " から) より前で、この年度を評価する方針がありません"));
    }

    /** Every band of every policy, one column per mark: the band columns of a report over all years. */
    public List<Band> bandColumns() {
        return Band.columns(engines.stream().map(e -> e.tables().bands()).toList());
    }

    /** Every direction symbol some policy accepts (for readers that check the direction with the row's cells). */
    public java.util.Set<String> directionSymbols() {
        java.util.Set<String> symbols = new java.util.LinkedHashSet<>();
        engines.forEach(e -> symbols.addAll(e.tables().directions().getSymbols()));
        return symbols;
    }

    public List<Review> evaluate(List<Kpi> kpis, List<Integer> years) {
        ReviewEngine.Attempt attempt = attempt(kpis, years);
        if (!attempt.problems().isEmpty()) {
            throw new DataException(attempt.problems());
        }
        return attempt.reviews();
    }

    public Review evaluate(List<Kpi> kpis, int year) {
        return evaluate(kpis, List.of(year)).get(0);
    }

    /** The years split by the policy in force, each group in one session of its policy; reviews in the order asked. */
    public ReviewEngine.Attempt attempt(List<Kpi> kpis, List<Integer> years) {
        Map<Integer, List<Integer>> byPolicy = new LinkedHashMap<>();
        for (int year : years) {
            byPolicy.computeIfAbsent(index(year), i -> new ArrayList<>()).add(year);
        }
        if (byPolicy.size() == 1) {
            Map.Entry<Integer, List<Integer>> only = byPolicy.entrySet().iterator().next();
            return engines.get(only.getKey()).attempt(kpis, only.getValue());
        }
        Map<Integer, Review> byYear = new LinkedHashMap<>();
        List<DataProblem> problems = new ArrayList<>();
        List<RuleStep> steps = new ArrayList<>();
        byPolicy.forEach((index, its) -> {
            ReviewEngine.Attempt part = engines.get(index).attempt(kpis, its);
            part.reviews().forEach(r -> byYear.put(r.year(), r));
            part.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
            steps.addAll(part.steps());
        });
        return new ReviewEngine.Attempt(years.stream().map(byYear::get).toList(), problems, steps);
    }
}
