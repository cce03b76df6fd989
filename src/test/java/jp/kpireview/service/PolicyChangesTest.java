package jp.kpireview.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kpireview.cli.Cli;
import jp.kpireview.io.KpiXlsx;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Governed policy changes over HTTP: roles from the users file, a table downloaded as a workbook, edited and proposed,
 * its check and impact (the diff command's), published with who and why, restored; stale and broken proposals.
 */
class PolicyChangesTest {

    private static final Path SEED = Path.of("seeds/otaru-h30.csv");
    private static final String BANDS = "区分表.csv";
    private static final String SCENARIOS = "tests/scoring.csv";

    @TempDir
    Path dir;

    private Path rules;
    private RuleHolder holder;
    private ReviewService service;
    private String viewer;
    private String editor;
    private String publisher;

    @BeforeEach
    void start() throws IOException {
        rules = KpiFixture.copyOfPolicy(Path.of("rules"), dir.resolve("rules"), s -> s);
        Path users = dir.resolve("users.csv");
        viewer = Users.add(users, "閲覧 太郎", "閲覧");
        editor = Users.add(users, "提案 花子", "提案");
        publisher = Users.add(users, "公開 次郎", "publisher");
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.copy(SEED, data.resolve("otaru.csv"));
        holder = RuleHolder.start(rules, dir.resolve("rules.history"));
        service = ReviewService.start(holder, data, new ReviewService.Limits(1 << 20, 1000, 30, 2), "127.0.0.1", 0,
                List.of(), null, UsersFile.open(users));
    }

    @AfterEach
    void stop() {
        service.close();
        holder.close();
    }

    private HttpResponse<byte[]> call(String token, String method, String path, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        // a new client each time: the service closes a connection idle for 5 s (the test runs the diff command
        // between calls), and a pooled one the JDK's client took again after that fails with "received no bytes"
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The first value of a string field in a JSON text. */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1).replace("\\n", "\n").replace("\\\"", "\"");
    }

    /** 区分表 downloaded as a workbook, its ◎ row's lower edge set to {@code edge}, as Excel would save it. */
    private byte[] editedWorkbook(String edge) throws Exception {
        HttpResponse<byte[]> download = call(editor, "GET", "/api/table?file=" + q(BANDS) + "&format=xlsx", null);
        assertEquals(200, download.statusCode(), text(download));
        return edgeAt(Files.write(dir.resolve("download.xlsx"), download.body()), edge);
    }

    /** The 区分表 workbook {@code book} with its ◎ row's lower edge set to {@code edge}, as Excel would save it. */
    static byte[] edgeAt(Path book, String edge) {
        List<List<String>> cells = new ArrayList<>();
        for (List<String> row : KpiXlsx.cells(book, 100)) {
            List<String> copy = new ArrayList<>(row);
            if (copy.get(0).equals("◎")) {
                copy.set(1, edge);
            }
            cells.add(copy);
        }
        return TableFiles.workbook("区分表", cells);
    }

    private String propose(String token, byte[] table, String reason) throws Exception {
        return propose(token, BANDS, table, reason, "");
    }

    private String propose(String token, String file, byte[] table, String reason, String from) throws Exception {
        HttpResponse<byte[]> r = call(token, "POST", "/api/proposals?file=" + q(file) + "&reason=" + q(reason)
                + (from.isEmpty() ? "" : "&from=" + from), table);
        return r.statusCode() + " " + text(r);
    }

    /**
     * ◎ from 90, then the scenarios that pinned ◎ at 100 moved with it (downloaded as CSV, two expectations edited):
     * the id of the second proposal, which carries both files.
     */
    private String proposeNinety(String reason) throws Exception {
        String table = propose(editor, editedWorkbook("90"), reason);
        assertTrue(table.startsWith("422 ") && table.contains("\"publishable\":false"), table);
        assertTrue(table.contains("'just below the ◎ edge': band の期待は ○、結果は ◎"), table);
        String scenarios = text(call(editor, "GET", "/api/table?file=" + q(SCENARIOS) + "&format=csv", null))
                .replaceAll("(just below the ◎ edge,.*,99\\.99,99\\.99,)○", "$1◎")
                .replaceAll("(after the target year the target stays,.*,90\\.00,90\\.00,)○", "$1◎");
        String both = propose(editor, SCENARIOS, scenarios.getBytes(StandardCharsets.UTF_8), reason,
                field(table, "id"));
        assertTrue(both.startsWith("200 ") && both.contains("\"publishable\":true"), both);
        assertTrue(both.contains("\"changed\":[\"tests/scoring.csv\",\"区分表.csv\"]"), both);
        assertEquals(field(table, "impact").lines().skip(1).toList(), field(both, "impact").lines().skip(1).toList(),
                "the scenarios change no result");
        return field(both, "id");
    }

    @Test
    void anEditorProposesAPublisherPublishesAndARestoreBringsTheFirstReportBack() throws Exception {
        byte[] before = call(viewer, "POST", "/api/evaluate?data=otaru.csv&year=FY2018&format=csv", null).body();
        assertTrue(text(call(viewer, "GET", "/api/me", null)).contains("\"roleLabel\":\"閲覧\""));
        assertTrue(propose(viewer, editedWorkbook("90"), "90 に").startsWith("403 "), "a viewer cannot propose");

        String proposed = propose(editor, editedWorkbook("90"), "◎ を 90 から (決裁 第12号)");
        String id = proposeNinety("◎ を 90 から (決裁 第12号)");

        // the impact is what the diff command prints for the same two folders
        Path edited = KpiFixture.copyOfPolicy(rules, dir.resolve("edited"), s -> s);
        Files.writeString(edited.resolve(BANDS), Files.readString(rules.resolve(BANDS)).replace("◎,100,", "◎,90,"));
        String cli = Cli.run("diff", "--rules", rules.toString(), "--rules", edited.toString(), "--data",
                SEED.toString(), "--out", dir.resolve("diff").toString());
        String impact = field(proposed, "impact");
        assertTrue(impact.lines().count() > 3, impact);
        assertEquals(body(cli.substring(cli.indexOf('\n') + 1)), body(impact));

        HttpResponse<byte[]> refused = call(editor, "POST", "/api/publish?proposal=" + id, null);
        assertEquals(403, refused.statusCode(), text(refused));
        assertTrue(text(refused).contains("「公開」の役割"), text(refused));

        String oldRules = holder.current().hash();
        HttpResponse<byte[]> published = call(publisher, "POST", "/api/publish?proposal=" + id + "&note=" + q("承認"),
                null);
        assertEquals(200, published.statusCode(), text(published));
        assertTrue(!holder.current().hash().equals(oldRules), "the service answers with the new rules at once");
        assertTrue(Files.readString(rules.resolve(BANDS)).contains("◎,90,"));
        String history = text(call(viewer, "GET", "/api/history", null));
        assertEquals("提案 花子", field(history, "author"));
        assertEquals("公開 次郎", field(history, "publisher"));
        assertEquals("◎ を 90 から (決裁 第12号)\n\n公開のメモ: 承認", field(history, "reason"));
        String version = field(history, "id");
        String newRef = "rules@" + holder.current().hash().substring(0, 8);
        assertTrue(history.contains(newRef), history);
        byte[] after = call(viewer, "POST", "/api/evaluate?data=otaru.csv&year=FY2018&format=csv", null).body();
        assertTrue(new String(after, StandardCharsets.UTF_8).contains(newRef), "the report names the new version");

        String first = field(history.substring(history.lastIndexOf("\"id\"") - 1), "id");
        HttpResponse<byte[]> restored = call(publisher, "POST", "/api/restore?version=" + first + "&reason="
                + q("元の区分に戻す"), null);
        assertEquals(200, restored.statusCode(), text(restored));
        assertTrue(Files.readString(rules.resolve(BANDS)).contains("◎,100,"));
        byte[] again = call(viewer, "POST", "/api/evaluate?data=otaru.csv&year=FY2018&format=csv", null).body();
        assertEquals(new String(before, StandardCharsets.UTF_8), new String(again, StandardCharsets.UTF_8),
                "the same rules again, the same report byte for byte");
        assertTrue(text(call(viewer, "GET", "/api/history", null)).contains("\"restoredFrom\":\"" + first + "\""));
        assertTrue(!version.equals(first));
    }

    /** The diff's lines after its heading line (which names the two folders or versions). */
    private static String body(String printed) {
        List<String> lines = printed.lines().filter(l -> !l.startsWith("書き出しました")).toList();
        return String.join("\n", lines.subList(1, lines.size())).strip();
    }

    @Test
    void aProposalWithABadCellCannotBePublishedAndSaysWhere() throws Exception {
        String proposed = propose(editor, editedWorkbook("百"), "誤った表");
        assertTrue(proposed.startsWith("422 "), proposed);
        assertTrue(proposed.contains("\"publishable\":false"), proposed);
        assertTrue(proposed.contains("\"location\":\"rules/区分表.csv:5\""), proposed);
        HttpResponse<byte[]> refused = call(publisher, "POST", "/api/publish?proposal=" + field(proposed, "id"), null);
        assertEquals(422, refused.statusCode(), text(refused));
        assertTrue(Files.readString(rules.resolve(BANDS)).contains("◎,100,"), "nothing taken");
    }

    @Test
    void aCellThatWouldWriteCodeIntoTheRuleIsRefusedAtItsPlace() throws Exception {
        // a label that closes its string to call Java: the rule-language check is the proposal's as the folder's
        String bands = Files.readString(rules.resolve(BANDS)).replace("×,,基準未満",
                "×,,\"基準未満\"\"); System.exit(0); (\"\"\"");
        String proposed = propose(editor, BANDS, bands.getBytes(StandardCharsets.UTF_8), "名称を変える", "");
        assertTrue(proposed.startsWith("422 ") && proposed.contains("\"publishable\":false"), proposed);
        assertTrue(proposed.contains("\"location\":\"rules/区分表.csv:2\""), proposed);
        assertTrue(field(proposed, "impact").isEmpty(), "rules that do not compile are not run");
        assertTrue(service.evaluationsRunning() == 0 && Files.readString(rules.resolve(BANDS)).contains("×,,基準未満\n"));
    }

    @Test
    void aProposalMadeBeforeAnotherWasPublishedIsRefusedNamingIt() throws Exception {
        String first = proposeNinety("90 に (山田)");
        String second = proposeNinety("90 に (佐藤)");
        String kept = text(call(publisher, "GET", "/api/proposals", null));
        assertTrue(kept.contains("\"id\":\"" + first + "\"") && kept.contains("\"id\":\"" + second + "\""), kept);
        assertEquals(200, call(publisher, "POST", "/api/publish?proposal=" + first, null).statusCode());
        HttpResponse<byte[]> stale = call(publisher, "POST", "/api/publish?proposal=" + second, null);
        assertEquals(409, stale.statusCode(), text(stale));
        assertTrue(text(stale).contains("90 に (山田)"), "names the change made since: " + text(stale));
        // carried on after the other was published, it lists its changes against the version it was made from
        String carried = propose(editor, BANDS, editedWorkbook("90"), "続き", second);
        assertTrue(carried.contains("\"changed\":[\"tests/scoring.csv\",\"区分表.csv\"]"), carried);
        assertEquals(409, call(publisher, "POST", "/api/publish?proposal=" + field(carried, "id"), null).statusCode());
        assertEquals(2, Pattern.compile("\"kind\"").matcher(text(call(viewer, "GET", "/api/history", null)))
                .results().count(), "one version published, none merged");
    }

    @Test
    void aRequestWithoutAKnownTokenIsRefusedEvenOnLoopback() throws Exception {
        assertEquals(401, call(null, "GET", "/api/history", null).statusCode());
        assertEquals(401, call("0123456789abcdef0123456789abcdef0123456789abcdef", "GET", "/api/history", null)
                .statusCode());
        assertEquals(200, call(viewer, "GET", "/api/history", null).statusCode());
    }

    @Test
    void aPersonRemovedFromTheUsersFileIsRefusedWithoutARestart() throws Exception {
        assertEquals(200, call(viewer, "GET", "/api/me", null).statusCode());
        Path users = dir.resolve("users.csv");
        Files.write(users, Files.readAllLines(users, StandardCharsets.UTF_8).stream()
                .filter(row -> !row.startsWith("閲覧 太郎")).toList(), StandardCharsets.UTF_8);
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(UsersFile.CHECK_NANOS) + 200);  // the service looks once a second
        assertEquals(401, call(viewer, "GET", "/api/me", null).statusCode(), "left: refused from the next look on");
        assertEquals(200, call(editor, "GET", "/api/me", null).statusCode(), "the others go on");
    }
}
