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
        return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.source() + " " + s.name(), () -> {
            ScenarioRun.Result result = ScenarioRun.run(KpiFixture.rules(), List.of(s));
            assertEquals(List.of(), result.failures().stream().map(Object::toString).toList());
        }));
    }

    @Test
    void theScenariosExerciseEveryRule() {
        List<Scenario> all = scenarios();
        assertTrue(all.size() >= 30, all.size() + " cases");
        assertEquals(List.of(), ScenarioRun.run(KpiFixture.rules(), all).unexercised());
    }
}
