package jp.kpireview.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import jp.kpireview.rules.KpiFixture;
import jp.kpireview.system.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) while it publishes, again and again at random moments: each time, the next open finds
 * the folder whole — every file of one version, the version the history's latest says — and no journal left.
 */
@SystemTest
class KilledPublishTest {

    private static final int KILLS = 8;

    @TempDir
    Path dir;

    @Test
    void aKillDuringAPublishLeavesOneVersionWhole() throws Exception {
        Path rules = KpiFixture.copyOfPolicy(Path.of("rules"), dir.resolve("rules"), s -> s);
        Path gitDir = dir.resolve("rules.history");
        Random random = new Random(36);
        long publishes = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process loop = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), PublishLoop.class.getName(), rules.toString(),
                    gitDir.toString()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(loop.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = out.readLine();
            assertEquals("ready", first, "the loop started");
            Thread.sleep(50 + random.nextInt(400));
            loop.destroyForcibly();
            assertTrue(loop.waitFor(30, TimeUnit.SECONDS));
            try (PolicyHistory history = PolicyHistory.open(rules, gitDir, List::of)) {
                assertFalse(history.publishing(), "no journal left after the open");
                assertEquals(List.of(), history.unrecorded(), "the folder is the latest version, whole");
                SortedMap<String, byte[]> files = history.files(history.head());
                boolean a = new String(files.get("区分表.csv"), StandardCharsets.UTF_8).contains("◎,90,");
                SortedMap<String, byte[]> expected = PublishLoop.version(files, a);
                for (String file : expected.keySet()) {
                    assertArrayEquals(expected.get(file), Files.readAllBytes(rules.resolve(file)),
                            file + " of version " + (a ? "A" : "B") + " after kill " + kill);
                }
                publishes = history.versions().size();
            }
        }
        assertTrue(publishes > KILLS * 2, "the loop published between the kills: " + publishes);
    }
}
