package jp.kpireview.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jp.kpireview.rules.KpiFixture;
import jp.kpireview.system.SystemTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service as a client sees it: a server started on a loopback port, real HTTP requests. */
class ReviewServiceTest {

    private static final Path SEED = Path.of("seeds/otaru-h30.csv");

    @TempDir
    Path dir;

    private Path rules;
    private RuleHolder holder;
    private ReviewService service;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        rules = KpiFixture.copyOfRules(dir.resolve("rules"), drl -> drl);
        holder = RuleHolder.start(rules);
        service = ReviewService.start(holder, Path.of("seeds"), new ReviewService.Limits(1 << 20, 100, 30),
                "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        service.close();
        holder.close();
    }

    private HttpResponse<String> post(String query, byte[] body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri("/api/evaluate?" + query))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    @Test
    void evaluatesAnUploadedSheet() throws Exception {
        HttpResponse<String> r = post("year=FY2018", Files.readAllBytes(SEED));
        assertEquals(200, r.statusCode(), r.body());
        // published: 17 参加児童生徒数 196.15 → 100.00 ◎ ☆
        assertTrue(r.body().contains("\"fiscalYear\":\"FY2018\",\"fiscalYearJp\":\"H30\",\"actual\":118,"
                + "\"status\":\"scored\",\"referenceKind\":\"linear\",\"reference\":93,\"rawScore\":196.15,"
                + "\"score\":100.00,\"scoreShown\":\"100.00\",\"band\":\"◎\",\"achieved\":true"), r.body());
        assertTrue(r.body().contains("\"source\":\"upload.csv\""), "no temporary path leaks");
        assertEquals(holder.current().hash(), r.headers().firstValue("X-Rules").orElseThrow());
    }

    /** One year asked of the service has the 前回比 of a run over every year (FY2018 against FY2017). */
    @Test
    void oneYearHasTheTrendsOfEveryYear(@TempDir Path out) throws Exception {
        String csv = post("year=FY2018&format=csv", Files.readAllBytes(SEED)).body();
        Path served = Files.writeString(out.resolve("served.csv"), csv);
        assertTrue(jp.kpireview.cli.Cli.run("batch", "--quiet", "--data", SEED.toString(), "--formats", "csv",
                "--out", out.toString()).startsWith("0\n"));
        java.util.Map<String, String> everyYear = jp.kpireview.report.TrendAgreementTest.trends(
                out.resolve("results.csv"));
        java.util.Map<String, String> oneYear = jp.kpireview.report.TrendAgreementTest.trends(served);
        assertEquals(73, oneYear.size(), csv);
        oneYear.forEach((key, trend) -> assertEquals(everyYear.get(key), trend, key));
        assertTrue(oneYear.containsValue("worsening") && oneYear.containsValue("improving"), csv);
    }

    @Test
    void aReportAskedWithAPlanHasThePlanSection() throws Exception {
        String planned = post("year=FY2018&format=html&plan=R1", Files.readAllBytes(SEED)).body();
        assertTrue(planned.contains("FY2019 (R1) の計画") && planned.contains("84人以上"), "KPI 17 needs 84 for ○");
        assertFalse(post("year=FY2018&format=html", Files.readAllBytes(SEED)).body().contains("の計画"));
        assertEquals(400, post("year=FY2018&format=html&plan=soon", Files.readAllBytes(SEED)).statusCode());
    }

    @Test
    void badInputGetsA4xxWithTheLocatedMessage() throws Exception {
        List<String> lines = Files.readAllLines(SEED);
        lines.set(4, lines.get(4).replaceFirst(",FY2014,5,", ",FY2014,5件,"));
        HttpResponse<String> r = post("year=FY2018&name=kpis.csv", String.join("\n", lines).getBytes());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("\"text\":\"kpis.csv:5: baseline: '5件' は数ではありません"), r.body());
        HttpResponse<String> early = post("year=next", Files.readAllBytes(SEED));
        assertEquals(400, early.statusCode());
        // answered before its body was read: the connection is closed, and the client told so, so that the next
        // request is not sent on it (it failed now and then as "header parser received no bytes")
        assertEquals("close", early.headers().firstValue("Connection").orElse(""), early.headers().toString());
        assertEquals(400, post("year=FY2018&format=pdf", Files.readAllBytes(SEED)).statusCode());
        assertEquals(400, post("year=FY2018", new byte[0]).statusCode());
        assertEquals(404, post("data=../pom.xml", new byte[0]).statusCode(), "only bundled files");
        // over the body limit: ServiceHardeningTest sends it as a client does (Expect: 100-continue, or chunked) and
        // checks the 413; a plain upload of it may find the connection closed under it, so it is not sent here
    }

    @Test
    void aSheetWithMoreRowsThanTheLimitIsRefused() throws Exception {
        // the limit in this test is 100 rows; the seed has 73
        List<String> lines = Files.readAllLines(SEED);
        StringBuilder big = new StringBuilder(lines.get(0)).append('\n');
        for (int copy = 0; copy < 2; copy++) {
            for (String line : lines.subList(1, lines.size())) {
                big.append(line.replaceFirst("^小樽市,", "小樽市,c" + copy)).append('\n');
            }
        }
        HttpResponse<String> r = post("year=FY2018", big.toString().getBytes());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("シートに KPI が 146 行あります。一度に 100 行までです"), r.body());
    }

    @Test
    void aGoodRuleEditIsTakenAndABrokenOneIsRejectedWhileTheOldRulesAnswer() throws Exception {
        String before = holder.current().hash();
        Path bands = rules.resolve("区分表.csv");
        Files.writeString(bands, Files.readString(bands).replace("◎,100,100以上", "◎,90,90以上")
                .replace("○,50,50~100", "○,50,50~90"));
        holder.reload();
        String edited = holder.current().hash();
        assertFalse(before.equals(edited));
        // 5a 94.74 is ◎ from 90
        assertTrue(post("year=FY2018&format=csv", Files.readAllBytes(SEED)).body()
                .contains("小樽市,5a,FY2018,scored,linear,"), "evaluates");
        assertTrue(post("year=FY2018&format=csv", Files.readAllBytes(SEED)).body().contains(",94.74,94.74,◎,"));

        Files.writeString(bands, Files.readString(bands).replace("○,50,", "○,-50,"));
        holder.reload();
        assertEquals(edited, holder.current().hash(), "the broken edit is not taken");
        String info = get("/api/rules").body();
        assertTrue(info.contains("\"rejected\":{") && info.contains("edges must rise"), info);
        assertTrue(post("year=FY2018&format=csv", Files.readAllBytes(SEED)).body().contains(",94.74,94.74,◎,"),
                "the last good rules go on answering");
    }

    @Test
    void anEditWhoseScenariosFailIsRejectedWithTheFailures() throws Exception {
        Files.createDirectories(rules.resolve("tests"));
        Files.copy(Path.of("rules/tests/scoring.csv"), rules.resolve("tests/scoring.csv"));
        holder.reload();
        String before = holder.current().hash();
        Path bands = rules.resolve("区分表.csv");
        Files.writeString(bands, Files.readString(bands).replace("◎,100,100以上", "◎,90,90以上")
                .replace("○,50,50~100", "○,50,50~90"));
        holder.reload();
        assertEquals(before, holder.current().hash(), "two written-down cases disagree: the edit is not taken");
        String info = get("/api/rules").body();
        assertTrue(info.contains("'just below the ◎ edge': band の期待は ○、結果は ◎"), info);
        // the officer updates the two cases: now the edit is taken
        Path cases = rules.resolve("tests/scoring.csv");
        Files.writeString(cases, Files.readString(cases).lines().map(l -> l.startsWith("just below the ◎ edge,")
                || l.startsWith("after the target year the target stays,") ? l.replace(",○,", ",◎,") : l)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n")));
        holder.reload();
        assertFalse(before.equals(holder.current().hash()), get("/api/rules").body());
        assertEquals("null", get("/api/rules").body().replaceAll("(?s).*\"rejected\":(null|\\{).*", "$1"));
    }

    /** A rule folder whose 共通.txt names a folder that is not there: rejected, and no server path in the answer. */
    @Test
    void aMissingSharedFolderIsRejectedWithoutTheServersPaths() throws Exception {
        String before = holder.current().hash();
        Files.writeString(rules.resolve("共通.txt"), "../nowhere\n");
        holder.reload();
        assertEquals(before, holder.current().hash(), "the broken edit is not taken");
        String info = get("/api/rules").body();
        assertTrue(info.contains("\"rejected\":{") && info.contains("共通のルール '../nowhere' がありません"), info);
        assertFalse(info.contains(dir.toString()), "no absolute path of the server: " + info);
    }

    /**
     * A rule that would spin inside its action (a while loop, whether any KPI or only the data's TRAP KPI triggers it)
     * is refused by the rule language before it is compiled: the watcher takes nothing, no thread spins, and a later
     * edit is taken as usual.
     */
    @Test
    void aSpinningRuleIsRefusedBeforeItRunsAndALaterEditIsTaken() throws Exception {
        String before = holder.current().hash();
        Path spin = rules.resolve("spin.drl");
        Files.writeString(spin, "package kpireview.rules;\n\nimport jp.kpireview.facts.KpiYear;\n\n"
                + "rule \"spin\"\nwhen\n    KpiYear( kpiId == \"TRAP\" )\nthen\n    while (true) { }\nend\n");
        holder.reload();
        assertEquals(before, holder.current().hash(), "the spinning edit is not taken");
        String info = get("/api/rules").body();
        assertTrue(info.contains("\"rejected\":{") && info.contains("繰り返し (while) は書けません"), info);
        Files.delete(spin);
        Path bands = rules.resolve("区分表.csv");
        Files.writeString(bands, Files.readString(bands).replace("◎,100,100以上", "◎,90,90以上")
                .replace("○,50,50~100", "○,50,50~90"));
        holder.reload();
        assertFalse(before.equals(holder.current().hash()), "the next edit is taken");
    }

    /** The page's explain: a KPI's result and a project's summary, rule by rule, as the explain command says them. */
    @Test
    void explainAnswersForAKpiAndForAProject() throws Exception {
        HttpResponse<String> kpi = client.send(HttpRequest.newBuilder(uri("/api/explain?year=H30&kpi=25"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(SEED))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, kpi.statusCode(), kpi.body());
        String command = jp.kpireview.cli.Cli.run("explain", "--rules", rules.toString(), "--data", SEED.toString(),
                "--year", "H30", "--kpi", "25");
        // the same words as the command's, but for the sheet's name (the service saves the upload under its own)
        assertEquals(command.substring(2).lines().skip(1).toList(), kpi.body().lines().skip(1).toList());
        HttpResponse<String> project = client.send(HttpRequest.newBuilder(uri("/api/explain?year=FY2018&project="
                + java.net.URLEncoder.encode("全体", java.nio.charset.StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(SEED))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, project.statusCode(), project.body());
        assertTrue(project.body().startsWith("集計 全体 — ") && project.body().contains("  結果: (集計対象 60事業[70KPI]"),
                project.body());
        HttpResponse<String> neither = client.send(HttpRequest.newBuilder(uri("/api/explain?year=FY2018"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(SEED))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(neither.statusCode() == 400 && neither.body().contains("kpi=ID か project=NAME のどちらか一つを"
                + "書きます"), neither.body());
    }

    @Test
    void aLoopingRuleIsRejectedAndTheServiceGoesOnAnswering() throws Exception {
        String before = holder.current().hash();
        Path achievement = rules.resolve("achievement.drl");
        Files.writeString(achievement, Files.readString(achievement)
                + "\nrule \"Loop\"\nwhen\n    $s : Score()\nthen\n    update($s);\nend\n");
        holder.reload();
        assertEquals(before, holder.current().hash(), "the looping edit is not taken");
        String info = get("/api/rules").body();
        assertTrue(info.contains("\"rejected\":{") && info.contains("Loop\\\" が終わらずに動き続けます"), info);
        assertTrue(post("year=FY2018&format=csv", Files.readAllBytes(SEED)).body().contains(",94.74,94.74,○,"),
                "the last good rules go on answering");
    }

    @Test
    @SystemTest
    void theRuleFolderIsWatched() throws Exception {
        String before = holder.current().hash();
        Path bands = rules.resolve("区分表.csv");
        Files.writeString(bands, Files.readString(bands).replace(",50~100", ",50以上100未満"));
        long deadline = System.nanoTime() + SystemTest.PATIENCE.toNanos();
        while (holder.current().hash().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(holder.current().hash().equals(before), "the edit was picked up without a restart");
        assertTrue(get("/health").body().contains(holder.current().hash()));
    }

    @Test
    @SystemTest
    void aRuleFolderReplacedWholeIsWatchedAgain() throws Exception {
        String before = holder.current().hash();
        Path moved = Files.move(rules, dir.resolve("rules.old"));
        Path replacement = KpiFixture.copyOfRules(rules, drl -> drl.replace(",50~100", ",50以上100未満"));
        assertEquals(rules, replacement);
        long deadline = System.nanoTime() + SystemTest.PATIENCE.toNanos();
        while (holder.current().hash().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(holder.current().hash().equals(before), "the new folder's rules are served");
        // and its later edits are seen too
        String replaced = holder.current().hash();
        Path bands = rules.resolve("区分表.csv");
        Files.writeString(bands, Files.readString(bands).replace(",50以上100未満", ",50~100"));
        deadline = System.nanoTime() + SystemTest.PATIENCE.toNanos();
        while (holder.current().hash().equals(replaced) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(before, holder.current().hash());
        assertTrue(Files.isDirectory(moved));
    }

    @Test
    void healthAndThePage() throws Exception {
        assertEquals("{\"status\":\"ok\",\"rules\":\"" + holder.current().hash() + "\",\"evaluations\":0}", get("/health").body());
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<html lang=\"ja\">") && page.body().contains("KPI評価"));
        assertEquals(404, get("/nowhere").statusCode());
        assertEquals("{\"files\":[\"otaru-h30.csv\"]}", get("/api/data").body(), "KPI data only");
        // the years the bundled file has actuals for, and the year after them to plan
        String years = get("/api/years?data=otaru-h30.csv").body();
        assertTrue(years.startsWith("{\"years\":[{\"value\":\"FY2015\",\"label\":\"FY2015 (H27)\"}")
                && years.contains("{\"value\":\"FY2018\",\"label\":\"FY2018 (H30)\"}],\"planYears\":")
                && years.endsWith("{\"value\":\"FY2019\",\"label\":\"FY2019 (R1)\"}]}"), years);
        assertEquals(404, get("/api/years?data=nothing.csv").statusCode());
    }
}
