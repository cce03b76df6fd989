package jp.kpireview.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Set;
import java.util.stream.Collectors;
import jp.kpireview.domain.Evaluation;

/**
 * Whether a rule fired for a KPI-year, the rule named as the compiled rules name it: a name the project's rules do
 * not have fails the test at once, so a rule renamed in its DRL cannot leave a "does not fire" test passing while it
 * checks nothing (Timefold's constraint tests name a constraint by a compile-checked reference the same way).
 */
public final class Fired {

    private static Set<String> names;

    private Fired() {
    }

    /** The rule fired for the evaluation's KPI-year. */
    public static void fired(Evaluation evaluation, String rule) {
        assertTrue(evaluation.firedRules().contains(known(rule)), () -> "'" + rule + "' did not fire: "
                + evaluation.firedRules());
    }

    /** The rule did not fire for the evaluation's KPI-year. */
    public static void notFired(Evaluation evaluation, String rule) {
        assertFalse(evaluation.firedRules().contains(known(rule)), () -> "'" + rule + "' fired: "
                + evaluation.firedRules());
    }

    /** {@code rule}, when the project's compiled rules have a rule of that name; else the test fails. */
    static String known(String rule) {
        if (!ruleNames().contains(rule)) {
            fail("the rules have no rule named '" + rule + "' (renamed?); they have " + ruleNames());
        }
        return rule;
    }

    private static synchronized Set<String> ruleNames() {
        if (names == null) {
            names = KpiFixture.rules().kieBase().getKiePackages().stream()
                    .flatMap(p -> p.getRules().stream()).map(org.kie.api.definition.rule.Rule::getName)
                    .collect(Collectors.toUnmodifiableSet());
        }
        return names;
    }
}
