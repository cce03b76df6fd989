package jp.kpireview.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import org.junit.jupiter.api.Tag;

/**
 * A test that drives real programs or depends on time: headless Chromium, LibreOffice, the service's slow-client
 * guards and timers, the rule folder's watcher. {@code bin/test} leaves these out so that it is quick and
 * deterministic; {@code bin/test -Psystem} runs them alone, with waits that hold on a busy machine, and
 * {@code .ci/run} runs both.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(SystemTest.TAG)
public @interface SystemTest {

    /** The JUnit tag: the surefire groups of the {@code system} profile in pom.xml. */
    String TAG = "system";

    /**
     * How long a system test waits for what it waits for (a real program, a page, a watched folder) before it calls
     * it hung: a guard against a hang, not a measure of speed. The system profile's test timeout (pom.xml) is above it.
     * Seconds in {@code -Dkpireview.patience} (given to the test JVM) shorten it while a test is being written.
     */
    Duration PATIENCE = Duration.ofSeconds(Long.getLong("kpireview.patience", 300));
}
