package jp.kpireview.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.system.DocsPictures;
import jp.kpireview.system.HeadlessChromium;
import jp.kpireview.system.SystemTest;
import org.junit.jupiter.api.Test;

/**
 * The page in a real browser, as an officer uses it: Debian's headless Chromium, driven by its ChromeDriver over the
 * W3C WebDriver protocol, opens the page, uploads the seed sheet, picks FY2018, and the report it shows is checked.
 * {@code .ci/run} installs both ({@code apt-get install chromium chromium-driver}); a missing browser fails the test.
 */
@SystemTest
class ServicePageChromiumTest {

    private static final String ELEMENT = HeadlessChromium.ELEMENT;

    @Test
    void anUploadedSheetShowsItsReportWithTheMarks() throws Exception {
        try (RuleHolder rules = RuleHolder.start(Path.of("rules"));
                ReviewService service = ReviewService.start(rules, Path.of("seeds"), ReviewService.Limits.DEFAULT,
                        "127.0.0.1", 0);
                HeadlessChromium browser = new HeadlessChromium(1280, 1000)) {
            String at = browser.session;
            browser.open("http://127.0.0.1:" + service.port() + "/");
            String input = field(browser.send(at + "/element", "{\"using\":\"css selector\",\"value\":\"#file\"}"),
                    ELEMENT);
            browser.send(at + "/element/" + input + "/value", "{\"text\":\""
                    + quote(Path.of("seeds/otaru-h30.csv").toAbsolutePath().toString()) + "\"}");
            // the chosen sheet's years, read by the server: FY2015–FY2018, and FY2019 to plan
            String offered = browser.poll("return Array.from(document.getElementById('year').options).map(o => o.value)"
                    + ".join(',') + '|' + Array.from(document.getElementById('planYear').options).map(o => o.value)"
                    + ".pop();", v -> v.endsWith("|FY2019"));
            assertEquals("all,FY2015,FY2016,FY2017,FY2018|FY2019", offered, "the uploaded sheet's years");
            browser.run("document.getElementById('year').value = 'FY2018';"
                    + " document.getElementById('form').requestSubmit(); return 'ok';");
            String report = browser.poll("return document.getElementById('report').srcdoc;", v -> !v.isEmpty());
            assertTrue(report.contains("KPI評価レポート") && report.contains("otaru-h30.csv"), "the uploaded sheet");
            // published FY2018: 17 参加児童生徒数 ◎ ☆; project (2) 集計対象 18事業[19KPI] / 全 19事業[21KPI]
            assertTrue(report.contains("参加児童生徒数"));
            assertTrue(report.contains("(集計対象 18事業[19KPI] / 全 19事業[21KPI])"));
            assertTrue(report.contains(">◎</td>") && report.contains(">☆</td>") && report.contains(">×</td>"));
            String shown = browser.run("return document.getElementById('rules').textContent;");
            // the version as report.html names it: 8 digits of the hash, the policy's name before it
            assertTrue(shown.contains("ルール " + rules.current().hash().substring(0, 8) + "\n")
                    && shown.contains("@" + rules.current().hash().substring(0, 8) + " (")
                    && !shown.contains(rules.current().hash()), shown);
            assertTrue(browser.run("return document.getElementById('year').options[4].text;").equals("FY2018 (H30)"),
                    "fiscal-year labels from the server");
            DocsPictures.save("service-screenshot.png", browser.screenshot());
        }
    }

    /**
     * Beyond loopback every request needs the token: opened once with {@code ?token=}, the page's own requests carry
     * it in the cookie the service set (a cookie written as Jetty's debug text once left the page empty with 401s).
     */
    @Test
    void thePageWorksWithTheTokenBeyondLoopback() throws Exception {
        try (RuleHolder rules = RuleHolder.start(Path.of("rules"));
                ReviewService service = ReviewService.start(rules, Path.of("seeds"), ReviewService.Limits.DEFAULT,
                        "0.0.0.0", 0, List.of(), "the-city-hall-token-of-the-test");
                HeadlessChromium browser = new HeadlessChromium(1280, 1000)) {
            browser.open("http://127.0.0.1:" + service.port() + "/?token=" + service.token());
            // the bundled files come from /api/data, a request of the page's own script: with the cookie, or none
            String files = browser.poll("const b = document.getElementById('bundled');"
                    + " return b ? Array.from(b.options).map(o => o.value).join(',') : '';", v -> v.contains("otaru"));
            assertTrue(files.contains("otaru-h30.csv"), "the page's own requests carry the token: " + files);
        }
    }

    /** Choosing a bundled file narrows the years offered to those it has, and the plan to the year after them. */
    @Test
    void theYearsOfferedAreThoseOfTheChosenData() throws Exception {
        try (RuleHolder rules = RuleHolder.start(Path.of("rules"));
                ReviewService service = ReviewService.start(rules, Path.of("seeds"), ReviewService.Limits.DEFAULT,
                        "127.0.0.1", 0);
                HeadlessChromium browser = new HeadlessChromium(1280, 1000)) {
            browser.open("http://127.0.0.1:" + service.port() + "/");
            String offered = browser.poll("const b = document.getElementById('bundled');"
                    + " if (b.options.length > 1 && !window.chosen) { window.chosen = 1; b.value = 'otaru-h30.csv';"
                    + " b.dispatchEvent(new Event('change')); }"
                    + " return Array.from(document.getElementById('year').options).map(o => o.text).join(',')"
                    + " + '|planned ' + document.getElementById('planYear').value;",
                    v -> v.contains("FY2018 (H30)|planned FY2019"));
            assertEquals("実績のある全年度,FY2015 (H27),FY2016 (H28),FY2017 (H29),FY2018 (H30)|planned FY2019", offered);
        }
    }

    /** The page explains a project's summary rule by rule, as explain --project does, for the year chosen. */
    @Test
    void thePageExplainsAProjectsSummary() throws Exception {
        try (RuleHolder rules = RuleHolder.start(Path.of("rules"));
                ReviewService service = ReviewService.start(rules, Path.of("seeds"), ReviewService.Limits.DEFAULT,
                        "127.0.0.1", 0);
                HeadlessChromium browser = new HeadlessChromium(1280, 1000)) {
            browser.open("http://127.0.0.1:" + service.port() + "/");
            String shown = browser.poll("const b = document.getElementById('bundled');"
                    + " if (b.options.length > 1 && !window.chosen) { window.chosen = 1; b.value = 'otaru-h30.csv';"
                    + " b.dispatchEvent(new Event('change')); }"
                    + " const y = document.getElementById('year');"
                    + " if (window.chosen && b.value === 'otaru-h30.csv'"
                    + " && Array.from(y.options).some(o => o.value === 'FY2018') && !window.asked) {"
                    + " window.asked = 1; y.value = 'FY2018';"
                    + " document.getElementById('explainKind').value = 'project';"
                    + " document.getElementById('explainWhat').value = '(1) あずまい暮らしプロジェクト';"
                    + " document.getElementById('explain').click(); }"
                    + " return document.getElementById('explanation').textContent"
                    + " + '|' + document.getElementById('errors').textContent;", v -> v.contains("結果:")
                    || v.endsWith("|") == false);
            assertTrue(shown.startsWith("集計 (1) あずまい暮らしプロジェクト — 小樽市, FY2018 (H30)")
                    && shown.contains("スコアのついた KPI を数える (summary.drl:")
                    && shown.contains("結果: (集計対象 11事業[16KPI] / 全 11事業[16KPI])  平均スコア 40.90"), shown);
        }
    }

    /** The page's plan and what-if: the needs come from the rules, a typed actual is scored by the same rules. */
    @Test
    void thePagePlansTheNextYearAndScoresAWhatIf() throws Exception {
        try (RuleHolder rules = RuleHolder.start(Path.of("rules"));
                ReviewService service = ReviewService.start(rules, Path.of("seeds"), ReviewService.Limits.DEFAULT,
                        "127.0.0.1", 0);
                HeadlessChromium browser = new HeadlessChromium(1280, 1000)) {
            browser.open("http://127.0.0.1:" + service.port() + "/");
            String row = browser.poll("if (document.getElementById('bundled').options.length > 1 && !window.asked) {"
                    + " window.asked = 1; document.getElementById('bundled').value = 'otaru-h30.csv';"
                    + " document.getElementById('planYear').value = 'FY2019';"
                    + " document.getElementById('plan').click(); }"
                    + " const r = Array.from(document.querySelectorAll('#needs tr')).find(r =>"
                    + " r.cells.length > 0 && r.cells[0].textContent === '17');"
                    + " return r ? r.innerText.replace(/\\s+/g, ' ') : '';", v -> !v.isEmpty());
            // 17 参加児童生徒数 67 → 100 in FY2019: ● 67, ○ 84, ◎ and ☆ 100 people
            assertTrue(row.contains("67人以上 84人以上 100人以上 100人以上"), row);
            // every KPI's needs, cell for cell, as plan.csv holds them (with the unit, 以上 or 以下 as report.html)
            Path planned = java.nio.file.Files.createTempDirectory("kpi-review-plan-test");
            assertTrue(jp.kpireview.cli.Cli.run("plan", "--data", "seeds/otaru-h30.csv", "--year", "FY2019", "--out",
                    planned.toString()).startsWith("0\n"));
            String table = browser.run("return Array.from(document.querySelectorAll('#needs tbody tr')).map(r =>"
                    + " Array.from(r.cells).map(c => c.textContent).join('\\t')).join('\\n');");
            java.util.Map<String, String[]> pageRows = new java.util.HashMap<>();
            table.lines().forEach(l -> pageRows.put(l.split("\t", -1)[0], l.split("\t", -1)));
            List<String> csv = Files.readAllLines(planned.resolve("plan.csv"));
            int compared = 0;
            for (String line : csv.subList(1, csv.size())) {
                String[] c = line.split(",", -1);  // municipality,kpi_id,project,kpi,unit,direction,year,policy,needs…,note
                String[] page = pageRows.get(c[1]);
                assertNotNull(page, "KPI " + c[1] + " on the page");
                String bound = List.of("↘", "↓", "▼").contains(c[5]) ? "以下" : "以上";
                for (int g = 0; g < 4; g++) {
                    String need = c[8 + g];
                    assertEquals(need.isEmpty() ? "—" : grouped(need, c[4]) + c[4] + bound, page[3 + g], "KPI " + c[1]
                            + " goal " + g);
                    compared++;
                }
            }
            assertEquals(73 * 4, compared);
            jp.kpireview.io.Folders.deleteTree(planned);
            browser.run("document.getElementById('whatKpi').value = '17';"
                    + " document.getElementById('whatActual').value = '84';"
                    + " document.getElementById('whatIf').click(); return 'ok';");
            String whatResult = "return document.getElementById('whatResult').textContent;";
            String result = browser.poll(whatResult, v -> !v.isEmpty());
            assertEquals("スコア 51.52 · 区分 ○", result);
            // a score with trailing zeros is shown as the reports print it: 0.00, not 0
            browser.run("document.getElementById('whatResult').textContent = '';"
                    + " document.getElementById('whatActual').value = '67';"
                    + " document.getElementById('whatIf').click(); return 'ok';");
            result = browser.poll(whatResult, v -> !v.isEmpty());
            assertEquals("スコア 0.00 · 区分 ●", result);
            // the workbook with the plan: the page asks for it with the planned year and gets a workbook back
            browser.run("window.asks = []; const f = window.fetch; window.fetch = (u, o) => { window.asks.push(u);"
                    + " return f(u, o); }; const c = URL.createObjectURL; URL.createObjectURL = b => {"
                    + " window.got = b.size + ' ' + b.type; return c.call(URL, new Blob([])); };"
                    + " document.getElementById('planXlsx').click(); return 'ok';");
            String got = browser.poll("return window.got ? window.asks.join(' ') + ' → ' + window.got : '';",
                    v -> !v.isEmpty());
            assertTrue(got.contains("format=xlsx") && got.contains("plan=FY2019")
                    && got.contains("spreadsheetml.sheet"), got);
        }
    }

    /** report.html as people open it: the marks and the trend labels, as rendered text, agree with results.csv. */
    @Test
    void theReportShowsTheMarksAndTheTrendOfResultsCsv(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String batch = jp.kpireview.cli.Cli.run("batch", "--quiet", "--data", "seeds/otaru-h30.csv", "--out",
                dir.toString());
        assertTrue(batch.startsWith("0\n"), batch);
        List<String> results = Files.readAllLines(dir.resolve("results.csv"));
        try (HeadlessChromium browser = new HeadlessChromium(1280, 1000)) {
            browser.open(dir.resolve("report.html").toUri().toString());
            for (String kpi : List.of("17", "5a", "15", "49")) {
                String row = browser.run("const r = Array.from(document.querySelectorAll('table.kpis tr')).find(r =>"
                        + " r.cells.length > 0 && r.cells[0].innerText.trim() === '" + kpi + "');"
                        + " return r ? r.innerText.replace(/\\s+/g, ' ') : '';");
                String csv = results.stream().filter(l -> l.startsWith("小樽市," + kpi + ",FY2018,")).findFirst()
                        .orElseThrow();
                String[] cells = csv.split(",");
                String band = cells[8];
                String trend = cells[10];
                assertTrue(band.isEmpty() || row.contains(" " + band + " "), kpi + ": " + row + " / " + csv);
                String label = switch (trend) {
                    case "improving" -> "↑上昇";
                    case "worsening" -> "↓低下";
                    case "unchanged" -> "→横ばい";
                    default -> null;
                };
                if (label != null) {
                    assertTrue(row.contains(label), kpi + ": " + row + " / " + csv);
                } else {
                    assertFalse(row.contains("↑上昇") || row.contains("↓低下") || row.contains("→横ばい"), row);
                }
            }
            String legend = browser.run("return document.querySelector('p.legend').innerText;");
            assertTrue(legend.contains("◎ 100以上") && legend.contains("☆ 目標達成"), legend);
        }
    }

    /** A need as the reports print it: thousands grouped unless the unit is a percentage, the decimals kept. */
    private static String grouped(String need, String unit) {
        java.math.BigDecimal value = new java.math.BigDecimal(need);
        return unit.equals("%") ? need : String.format(java.util.Locale.ROOT, "%,." + Math.max(0, value.scale()) + "f",
                value);
    }

    private static String field(String json, String name) throws IOException {
        return HeadlessChromium.field(json, name);
    }

    private static String quote(String text) {
        return HeadlessChromium.quote(text);
    }
}
