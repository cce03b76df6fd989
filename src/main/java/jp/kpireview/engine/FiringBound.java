package jp.kpireview.engine;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.Match;

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
    /**
     * Firings watched after a limit is hit, to name the rules of the loop: rounds of {@code SAMPLE} until a rule is
     * seen to fire on its own work (a large session may first fire a backlog of matches made before the window), at
     * most {@code SAMPLE_ROUNDS} rounds and {@code SAMPLE_MILLIS}.
     */
    private static final int SAMPLE = 2_000;
    private static final int SAMPLE_ROUNDS = 25;
    private static final long SAMPLE_MILLIS = 1_000;

    /** One daemon thread halts sessions that run out of time; it never runs rules itself. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private FiringBound() {
    }

    /** Why firing was stopped, with the rules of the loop (most firings first). */
    record Runaway(String reason, List<Rule> rules) {
    }

    /**
     * Fires the session's rules within the bounds for {@code facts} inserted facts.
     *
     * @return null when the rules came to rest; otherwise why they were stopped and which rules loop
     */
    static Runaway fire(KieSession session, int facts) {
        return fire(session, facts, Long.MAX_VALUE, false);
    }

    /**
     * @param deadline {@link System#nanoTime()} by which the caller's budget runs out (a service request); past it the
     *                 session is halted and {@link OverBudgetException} thrown
     * @param ownThread the session is not thread-safe (rules copied for one thread): only the firing thread itself
     *                 may halt it, so it looks at the clock between firings instead of being halted by the timer
     */
    static Runaway fire(KieSession session, int facts, long deadline, boolean ownThread) {
        long limit = Math.max(FIRINGS_FLOOR, (long) FIRINGS_PER_FACT * facts);
        long budget = deadline == Long.MAX_VALUE ? Long.MAX_VALUE
                : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (budget <= 0) {
            throw new OverBudgetException("評価が時間の上限を超えました (the evaluation ran out of its time budget)");
        }
        boolean byBudget = budget < SESSION_MILLIS;
        TimeLimit time = TimeLimit.of(session, Math.min(SESSION_MILLIS, budget), ownThread);
        int fired = time.fire((int) Math.min(limit, Integer.MAX_VALUE), null);
        if (time.late() && byBudget) {
            throw new OverBudgetException("評価が時間の上限を超えました (the evaluation ran out of its time budget)");
        }
        if (time.late()) {
            return new Runaway(SESSION_MILLIS / 1000 + " 秒たってもルールが動き続けていました (KPI の年度 " + facts
                    + " に " + fired + " 回)", sample(session, ownThread));
        }
        if (fired < limit) {
            return null;
        }
        List<Rule> still = sample(session, ownThread);
        return still.isEmpty() ? null : new Runaway("KPI の年度 " + facts + " にルールが " + fired
                + " 回動いても止まりませんでした (上限は KPI の年度 1 つに " + FIRINGS_PER_FACT + " 回)",
                still);
    }

    /** Fires a little more, watching which rule fires on whose facts: the rules that feed themselves loop. */
    private static List<Rule> sample(KieSession session, boolean ownThread) {
        LoopWatch watch = new LoopWatch();
        session.addEventListener(watch);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS);
        try {
            for (int round = 0; round < SAMPLE_ROUNDS && !watch.loopSeen(); round++) {
                long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                if (left <= 0 || TimeLimit.of(session, left, ownThread).fire(SAMPLE, watch::fired) == 0) {
                    break;
                }
            }
        } finally {
            session.removeEventListener(watch);
        }
        return watch.loop();
    }

    /** A session fired for at most a time: halted by the timer thread, or by its own thread looking at the clock. */
    private abstract static sealed class TimeLimit permits OnTimer, InThread {
        final KieSession session;
        final long millis;

        TimeLimit(KieSession session, long millis) {
            this.session = session;
            this.millis = millis;
        }

        static TimeLimit of(KieSession session, long millis, boolean ownThread) {
            return ownThread ? new InThread(session, millis) : new OnTimer(session, millis);
        }

        /**
         * Fires at most {@code max} rules within the time.
         *
         * @param fired told of each match fired, or null
         * @return how many fired
         */
        abstract int fire(int max, Consumer<Match> fired);

        /** True when the time ran out before the rules came to rest. */
        abstract boolean late();
    }

    /** The timer thread halts the session: for thread-safe sessions, which any thread may halt. */
    private static final class OnTimer extends TimeLimit {
        private final AtomicBoolean late = new AtomicBoolean();

        OnTimer(KieSession session, long millis) {
            super(session, millis);
        }

        @Override
        int fire(int max, Consumer<Match> fired) {
            DefaultAgendaEventListener listener = fired == null ? null : new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.accept(event.getMatch());
                }
            };
            if (listener != null) {
                session.addEventListener(listener);
            }
            ScheduledFuture<?> halt = TIMER.schedule(() -> {
                late.set(true);
                session.halt();
            }, millis, TimeUnit.MILLISECONDS);
            try {
                return session.fireAllRules(max);
            } finally {
                halt.cancel(false);
                if (listener != null) {
                    session.removeEventListener(listener);
                }
            }
        }

        @Override
        boolean late() {
            return late.get();
        }
    }

    /**
     * The firing thread looks at the clock before every {@value #EVERY}th match and halts its own session when the
     * time is up: a session without Drools' thread safety may not be halted from another thread.
     */
    private static final class InThread extends TimeLimit implements AgendaFilter {
        /** Matches between looks at the clock: a look costs about as much as a firing's bookkeeping. */
        private static final int EVERY = 16;
        private final long until;
        private Consumer<Match> fired;
        private int matches;
        private boolean late;

        InThread(KieSession session, long millis) {
            super(session, millis);
            until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        }

        @Override
        int fire(int max, Consumer<Match> fired) {
            this.fired = fired;
            return session.fireAllRules(this, max);
        }

        @Override
        public boolean accept(Match match) {
            if (late) {
                return false;
            }
            if (++matches % EVERY == 0 && System.nanoTime() - until > 0) {
                late = true;
                // this match is not fired; the others stay on the agenda, as a halt from the timer leaves them
                session.halt();
                return false;
            }
            if (fired != null) {
                fired.accept(match);
            }
            return true;
        }

        @Override
        boolean late() {
            return late;
        }
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
