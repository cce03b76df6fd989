package jp.kpireview.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

/**
 * Bounds the work of one session so that a rule that fires forever — an {@code update} of its own fact without a
 * guard, an insert that matches its own condition — is stopped within seconds and named, instead of hanging the run
 * or filling the heap. Two limits, both far above what any sound policy needs (the default rules fire about seven
 * times per KPI-year): a number of firings per fact inserted, and a time for the whole session. These are limits on
 * the machine's work, not policy.
 */
final class FiringBound {

    /** Firings allowed per fact Java inserted, and a floor for tiny sessions (tables, probes). */
    static final int FIRINGS_PER_FACT = 200;
    static final int FIRINGS_FLOOR = 20_000;
    /** Wall-clock time one session may take. */
    static final long SESSION_MILLIS = 10_000;
    /** Firings watched after a limit is hit, to name the rules that keep firing. */
    private static final int SAMPLE = 2_000;

    /** One daemon thread halts sessions that run out of time; it never runs rules itself. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private FiringBound() {
    }

    /** Why firing was stopped, with the rules that kept firing (most firings first). */
    record Runaway(String reason, List<Rule> rules) {
    }

    /**
     * Fires the session's rules within the bounds for {@code facts} inserted facts.
     *
     * @return null when the rules came to rest; otherwise why they were stopped and which rules kept firing
     */
    static Runaway fire(KieSession session, int facts) {
        return fire(session, facts, Long.MAX_VALUE);
    }

    /**
     * @param deadline {@link System#nanoTime()} by which the caller's budget runs out (a service request); past it the
     *                 session is halted and {@link OverBudgetException} thrown
     */
    static Runaway fire(KieSession session, int facts, long deadline) {
        long limit = Math.max(FIRINGS_FLOOR, (long) FIRINGS_PER_FACT * facts);
        long budget = deadline == Long.MAX_VALUE ? Long.MAX_VALUE
                : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (budget <= 0) {
            throw new OverBudgetException("評価が時間の上限を超えました (the evaluation ran out of its time budget)");
        }
        boolean byBudget = budget < SESSION_MILLIS;
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> halt = TIMER.schedule(() -> {
            late.set(true);
            session.halt();
        }, Math.min(SESSION_MILLIS, budget), TimeUnit.MILLISECONDS);
        int fired;
        try {
            fired = session.fireAllRules((int) Math.min(limit, Integer.MAX_VALUE));
        } finally {
            halt.cancel(false);
        }
        if (late.get() && byBudget) {
            throw new OverBudgetException("評価が時間の上限を超えました (the evaluation ran out of its time budget)");
        }
        if (late.get()) {
            return new Runaway(SESSION_MILLIS / 1000 + " 秒たってもルールが動き続けていました (KPI の年度 " + facts
                    + " に " + fired + " 回)", sample(session));
        }
        if (fired < limit) {
            return null;
        }
        List<Rule> still = sample(session);
        return still.isEmpty() ? null : new Runaway("KPI の年度 " + facts + " にルールが " + fired
                + " 回動いても止まりませんでした (上限は KPI の年度 1 つに " + FIRINGS_PER_FACT + " 回)",
                still);
    }

    /** Fires a little more, counting per rule: the rules that fire in this window are the ones that loop. */
    private static List<Rule> sample(KieSession session) {
        Map<Rule, Integer> counts = new LinkedHashMap<>();
        DefaultAgendaEventListener counter = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                counts.merge(event.getMatch().getRule(), 1, Integer::sum);
            }
        };
        session.addEventListener(counter);
        ScheduledFuture<?> halt = TIMER.schedule(session::halt, 1, TimeUnit.SECONDS);
        try {
            session.fireAllRules(SAMPLE);
        } finally {
            halt.cancel(false);
            session.removeEventListener(counter);
        }
        List<Map.Entry<Rule, Integer>> byCount = new ArrayList<>(counts.entrySet());
        byCount.sort(Map.Entry.<Rule, Integer>comparingByValue(Comparator.reverseOrder()));
        int most = byCount.isEmpty() ? 0 : byCount.get(0).getValue();
        // rules that fire only now and then in the window follow the looping ones; the loop is in the busy ones
        return byCount.stream().filter(e -> e.getValue() * 10 >= most).map(Map.Entry::getKey).toList();
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("rule-time-limit");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
