package jp.kpireview.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check a run makes of its rules before it evaluates is done once for the same rules and years: a later run of
 * the unchanged folder takes the earlier run's clean verdict, an edited folder is checked again, and a folder with
 * errors is never taken as clean.
 */
class RunCheckTest {

    @TempDir
    Path dir;

    private static boolean fromEarlierRun(CheckReport report) {
        return report.summary().stream().anyMatch(s -> s.contains("前の実行で確かめ済み"));
    }

    @Test
    void unchangedRulesAreCheckedOnceForTheSameYears() throws IOException {
        // rules of their own (the cache is the test run's, and the key is the files' names and bytes)
        String unique = "\n// " + java.util.UUID.randomUUID() + "\n";
        Path rules = KpiFixture.copyOfRules(dir.resolve("rules"), text -> text.endsWith("end\n") ? text + unique : text);
        CheckReport first = RuleCheck.beforeRun(rules, List.of(2018));
        assertFalse(first.hasErrors() || fromEarlierRun(first), first.toString());
        CheckReport second = RuleCheck.beforeRun(rules, List.of(2018));
        assertTrue(fromEarlierRun(second) && !second.hasErrors() && second.rules() != null, second.toString());
        // other years are probed afresh
        assertFalse(fromEarlierRun(RuleCheck.beforeRun(rules, List.of(2018, 2019))));
        // an edit is another set of rules
        Path table = rules.resolve("区分表.csv");
        Files.writeString(table, Files.readString(table).replace("○,50,", "○,60,"));
        assertFalse(fromEarlierRun(RuleCheck.beforeRun(rules, List.of(2018))));
        assertTrue(fromEarlierRun(RuleCheck.beforeRun(rules, List.of(2018))));
    }

    @Test
    void rulesWithAnErrorAreCheckedAtEveryRun() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("broken"), text -> text.replace("○,50,", "○,-50,"));
        for (int run = 0; run < 2; run++) {
            CheckReport report = RuleCheck.beforeRun(rules, List.of(2018));
            assertTrue(report.hasErrors() && !fromEarlierRun(report), report.toString());
            assertEquals(1, report.findings().stream().filter(f -> f.message().contains("edges must rise")).count(),
                    report.toString());
        }
    }
}
