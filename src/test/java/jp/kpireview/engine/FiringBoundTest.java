package jp.kpireview.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jp.kpireview.rulebase.RuleBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kie.api.runtime.KieSession;

/**
 * A session that fires without end is stopped by the number of firings or by the time, in both kinds of session: the
 * thread-safe ones, which the timer thread halts, and a copy's for one thread, which halt themselves between firings.
 */
@Timeout(30)
class FiringBoundTest {

    @TempDir
    static Path dir;

    /** Rules that count for ever: each Tick makes the next one. */
    private static RuleBase ticking;
    /** Rules that come to rest: one Tick, nothing after it. */
    private static RuleBase resting;
    /**
     * A loop of two rules (Tick makes Tock, Tock the next Tick), and a sound rule fed by it, written first, that fires
     * as often.
     */
    private static RuleBase twoRuleLoop;

    @BeforeAll
    static void compile() throws IOException {
        ticking = folder("ticking", """
                rule "次の Tick"
                when
                    $t : Tick()
                then
                    insert( new Tick($t.getN() + 1) );
                end
                """);
        resting = folder("resting", "");
        twoRuleLoop = folder("two-rule-loop", """
                declare Tock
                    n : int
                end

                declare Tally
                    n : int
                end

                rule "Tock を数える"
                when
                    $t : Tock()
                then
                    insert( new Tally($t.getN()) );
                end

                rule "Tick から Tock"
                when
                    $t : Tick()
                then
                    insert( new Tock($t.getN()) );
                end

                rule "Tock から次の Tick"
                when
                    $t : Tock()
                then
                    insert( new Tick($t.getN() + 1) );
                end
                """);
    }

    private static RuleBase folder(String name, String rules) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("tick.drl"), """
                package kpireview.rules;

                declare Tick
                    n : int
                end

                rule "最初の Tick"
                when
                then
                    insert( new Tick(0) );
                end
                """ + rules);
        return RuleBase.load(folder);
    }

    private static KieSession session(RuleBase rules, boolean ownThread) {
        return (ownThread ? rules.copyForOneThread() : rules).newSession();
    }

    @ParameterizedTest(name = "own thread: {0}")
    @ValueSource(booleans = {false, true})
    void rulesThatComeToRestAreLeftAlone(boolean ownThread) {
        KieSession session = session(resting, ownThread);
        try {
            assertNull(FiringBound.fire(session, 1, Long.MAX_VALUE, ownThread));
            assertEquals(1, session.getFactCount());
        } finally {
            session.dispose();
        }
    }

    @ParameterizedTest(name = "own thread: {0}")
    @ValueSource(booleans = {false, true})
    void firingsWithoutEndAreStoppedByTheirNumberAndNamed(boolean ownThread) {
        KieSession session = session(ticking, ownThread);
        try {
            FiringBound.Runaway runaway = FiringBound.fire(session, 1, Long.MAX_VALUE, ownThread);
            assertNotNull(runaway);
            assertTrue(runaway.reason().matches("KPI の年度 1 にルールが 2000\\d 回動いても止まりませんでした.*"),
                    runaway.reason());
            assertEquals("次の Tick", runaway.rules().get(0).getName());
        } finally {
            session.dispose();
        }
    }

    /** The rules of the loop are named, and not the sound rule it drives, though that fires as often. */
    @ParameterizedTest(name = "own thread: {0}")
    @ValueSource(booleans = {false, true})
    void onlyTheRulesOfTheLoopAreNamed(boolean ownThread) {
        KieSession session = session(twoRuleLoop, ownThread);
        try {
            FiringBound.Runaway runaway = FiringBound.fire(session, 1, Long.MAX_VALUE, ownThread);
            assertNotNull(runaway);
            assertEquals(java.util.Set.of("Tick から Tock", "Tock から次の Tick"), runaway.rules().stream()
                    .map(org.kie.api.definition.rule.Rule::getName).collect(java.util.stream.Collectors.toSet()));
        } finally {
            session.dispose();
        }
    }

    @ParameterizedTest(name = "own thread: {0}")
    @ValueSource(booleans = {false, true})
    void firingsPastTheBudgetAreStoppedByTheClock(boolean ownThread) {
        KieSession session = session(ticking, ownThread);
        long started = System.nanoTime();
        try {
            // a firing limit far above what the budget's 200 ms allow: the clock stops them
            assertThrows(OverBudgetException.class, () -> FiringBound.fire(session, 10_000_000,
                    started + TimeUnit.MILLISECONDS.toNanos(200), ownThread));
        } finally {
            session.dispose();
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(took < 5_000, took + " ms");
    }
}
