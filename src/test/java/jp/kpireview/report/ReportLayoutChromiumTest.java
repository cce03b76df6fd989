package jp.kpireview.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jp.kpireview.cli.Cli;
import jp.kpireview.system.DocsPictures;
import jp.kpireview.system.HeadlessChromium;
import jp.kpireview.system.Programs;
import jp.kpireview.system.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html as people see it, in headless Chromium: at an office screen's 1280 px (Otaru, four years) and at
 * 1600 px (the policy-periods example, eight years and two scales) no element reaches past the window's right edge
 * (the trend chart's column used to be cut off), and printed to A4 landscape its first page holds the review, not
 * the title alone, and every page of a KPI table holds its last column. The screenshots and the first printed page
 * are the docs' pictures ({@link DocsPictures}).
 */
@SystemTest
class ReportLayoutChromiumTest {

    @TempDir
    Path dir;

    private Path report(String name, String... args) {
        Path out = dir.resolve(name);
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("batch", "--quiet", "--formats",
                "html", "--out", out.toString()), java.util.Arrays.stream(args)).toArray(String[]::new);
        String run = Cli.run(all);
        assertTrue(run.startsWith("0\n"), run);
        return out.resolve("report.html");
    }

    /** The elements whose right edge is past the window's, with the window's width: "0 / 1280" when none is. */
    private static String beyondTheRightEdge(HeadlessChromium browser) throws Exception {
        return browser.run("const w = document.documentElement.clientWidth;"
                + " const over = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
                + " > w + 0.5);"
                + " return over.length + ' / ' + w + (over.length ? ': ' + over.slice(0, 3).map(e => e.tagName + '.'"
                + " + e.className + ' right ' + Math.round(e.getBoundingClientRect().right)).join(', ') : '');");
    }

    @Test
    void theOtaruReportFitsAnOfficeScreenAndPrintsTheReviewOnPageOne() throws Exception {
        Path html = report("otaru", "--data", "seeds/otaru-h30.csv");
        try (HeadlessChromium browser = new HeadlessChromium(1280, 1000)) {
            browser.open(html.toUri().toString());
            assertEquals("0 / 1280", beyondTheRightEdge(browser));
            DocsPictures.save("report-screenshot.png", browser.screenshot());
            byte[] pdf = browser.printA4Landscape();
            Path printed = DocsPictures.keep("report.pdf", pdf);
            // the first printed page as a picture, 1053 px wide (A4 landscape at 90 dpi)
            Programs.run(dir, "pdftoppm", "-png", "-f", "1", "-l", "1", "-r", "90", "-singlefile",
                    printed.toAbsolutePath().toString(), dir.resolve("page1").toString());
            DocsPictures.save("report-print-page1.png", Files.readAllBytes(dir.resolve("page1.png")));
            String[] pages = Programs.run(dir, "pdftotext", "-layout", printed.toAbsolutePath().toString(), "-")
                    .split("\f");
            assertTrue(pages[0].contains("小樽市") && pages[0].contains("平均スコア")
                    && pages[0].contains("あずまい暮らしプロジェクト"), "page 1 holds the review:\n" + pages[0]);
            int tables = 0;
            for (String page : pages) {
                if (page.contains("事業名")) {
                    tables++;
                    assertTrue(page.contains("実績の推移") && page.contains("前回比"), "a KPI table's page holds its"
                            + " last columns:\n" + page);
                }
            }
            assertTrue(tables >= 4, "the four projects' KPI tables: " + tables);
        }
    }

    @Test
    void eightYearsAndTwoScalesFitA1600PixelScreen() throws Exception {
        Path html = report("periods", "--rules", "examples/policy-periods/rules", "--data",
                "examples/policy-periods/data", "--html-detail", "1");
        for (int width : new int[] {1600, 1920}) {
            try (HeadlessChromium browser = new HeadlessChromium(width, 1000)) {
                browser.open(html.toUri().toString());
                assertEquals("0 / " + width, beyondTheRightEdge(browser));
                if (width == 1600) {
                    DocsPictures.save("report-periods-1600.png", browser.screenshot());
                } else {
                    DocsPictures.keep("report-periods-" + width + ".png", browser.screenshot());
                }
            }
        }
    }
}
