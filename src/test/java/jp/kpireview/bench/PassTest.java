package jp.kpireview.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's passes: works measured side by side take turns, so that the machine's drift falls on each alike. */
class PassTest {

    @Test
    void alternatingWorksTakeTurnsAndEachGetsItsOwnPasses() {
        List<String> ran = new ArrayList<>();
        Pass[] passes = Pass.alternating(3, () -> ran.add("rules"), () -> ran.add("plain"));
        assertEquals(List.of("rules", "plain", "rules", "plain", "rules", "plain"), ran);
        assertEquals(2, passes.length);
    }

    @Test
    void oneWorkRunsItsPassesInARow() {
        List<String> ran = new ArrayList<>();
        Pass.of(3, () -> ran.add("batch"));
        assertEquals(List.of("batch", "batch", "batch"), ran);
    }
}
