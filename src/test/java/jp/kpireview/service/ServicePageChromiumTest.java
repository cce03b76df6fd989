package jp.kpireview.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The page in a real browser: Debian's headless Chromium opens the page for the bundled seed, the page's script asks
 * the API and shows the report, and the marks it shows are checked. Runs where Chromium is installed
 * ({@code apt-get install chromium}); skipped elsewhere.
 */
@EnabledIf("chromiumInstalled")
class ServicePageChromiumTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM);
    }

    @Test
    void thePageShowsTheReportWithItsMarks() throws Exception {
        try (RuleHolder rules = RuleHolder.start(Path.of("rules"));
                ReviewService service = ReviewService.start(rules, Path.of("seeds"), ReviewService.Limits.DEFAULT,
                        "127.0.0.1", 0)) {
            Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--virtual-time-budget=20000", "--dump-dom",
                    "http://127.0.0.1:" + service.port() + "/?data=otaru-h30.csv&year=FY2018")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(chromium.waitFor(60, TimeUnit.SECONDS));
            // the report is in the frame's srcdoc, HTML-escaped once more
            assertTrue(dom.contains("KPI評価レポート"), "the report is shown");
            assertTrue(dom.contains("参加児童生徒数"), "KPI 17 is listed");
            assertTrue(dom.contains("(集計対象 18事業[19KPI] / 全 19事業[21KPI])"), "project (2) as published");
            assertTrue(dom.contains("◎") && dom.contains("☆") && dom.contains("×"), "the marks are shown");
            assertTrue(dom.contains("ルール " + rules.current().hash()), "the rule set that produced it");
        }
    }
}
