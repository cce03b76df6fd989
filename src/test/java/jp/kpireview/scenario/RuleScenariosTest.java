package jp.kpireview.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The scenario files policy staff keep in rules/tests, run by {@code mvn test}: one test per case. */
class RuleScenariosTest {

    private static final Path TESTS = Path.of("rules", "tests");

    private static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        ScenarioFile.files(TESTS).forEach(f -> all.addAll(ScenarioFile.read(f)));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyCaseOfTheScenarioFiles() {
        List<Scenario> all = scenarios();
        return all.stream().map(s -> DynamicTest.dynamicTest(s.source() + " " + s.name(), () -> {
            // a case of a group is evaluated with the other KPIs of its project, as test-rules does
            List<Scenario> project = s.group().isEmpty() ? List.of(s) : all.stream()
                    .filter(o -> o.group().equals(s.group()) && o.year() == s.year()).toList();
            ScenarioRun.Result result = ScenarioRun.run(KpiFixture.rules(), project);
            assertEquals(List.of(), result.failures().stream().filter(f -> f.scenario() == s)
                    .map(Object::toString).toList());
        }));
    }

    @Test
    void theScenariosExerciseEveryRule() {
        List<Scenario> all = scenarios();
        assertTrue(all.size() >= 30, all.size() + " cases");
        assertEquals(List.of(), ScenarioRun.run(KpiFixture.rules(), all).unexercised());
    }
}
