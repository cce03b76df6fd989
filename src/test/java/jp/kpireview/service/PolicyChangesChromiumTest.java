package jp.kpireview.service;

import static jp.kpireview.system.HeadlessChromium.field;
import static jp.kpireview.system.HeadlessChromium.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.cli.Cli;
import jp.kpireview.rules.KpiFixture;
import jp.kpireview.system.HeadlessChromium;
import jp.kpireview.system.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy change as officers make it, in headless Chromium: an editor takes 区分表 out as a workbook, sets ◎ from 90
 * in it as Excel would, uploads it, sees the check (the scenarios that pinned ◎ at 100 fail) and the impact the diff
 * command prints, moves those scenarios in the page's own cells, and cannot publish; a publisher publishes it with a
 * note; the next report names the new version; the history says who and why; a restore brings ◎ 100 back and the
 * report is the first one byte for byte.
 */
@SystemTest
class PolicyChangesChromiumTest {

    private static final String SEED = "seeds/otaru-h30.csv";

    @TempDir
    Path dir;

    /**
     * A new client for each request: the service closes a connection idle for 5 s, and a pooled one the JDK's client
     * took again after that fails with "header parser received no bytes".
     */
    private static HttpClient http() {
        return HttpClient.newHttpClient();
    }

    @Test
    void anEditorProposesAPublisherPublishesAndARestoreBringsTheFirstReportBack() throws Exception {
        Path rules = KpiFixture.copyOfPolicy(Path.of("rules"), dir.resolve("rules"), s -> s);
        Path users = dir.resolve("users.csv");
        String editor = Users.add(users, "提案 花子", "提案");
        String publisher = Users.add(users, "公開 次郎", "公開");
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.copy(Path.of(SEED), data.resolve("otaru-h30.csv"));
        try (RuleHolder holder = RuleHolder.start(rules, dir.resolve("rules.history"));
                ReviewService service = ReviewService.start(holder, data, ReviewService.Limits.DEFAULT, "127.0.0.1",
                        0, List.of(), null, UsersFile.open(users));
                HeadlessChromium browser = new HeadlessChromium(1280, 1400)) {
            String base = "http://127.0.0.1:" + service.port();
            String first = results(base, editor);

            browser.open(base + "/?token=" + editor);
            assertEquals("提案 花子 (提案)", browser.poll("return document.getElementById('me').textContent;",
                    v -> !v.isEmpty()));
            browser.poll("return String(document.getElementById('table').options.length);", v -> !v.equals("0"));
            browser.run("const t = document.getElementById('table'); t.value = '区分表.csv';"
                    + " t.dispatchEvent(new Event('change')); return 'ok';");
            // the link the page offers, fetched as the browser would download it, edited as Excel would save it
            String link = browser.run("return document.getElementById('downloadXlsx').href;");
            Path book = dir.resolve("区分表.xlsx");
            Files.write(book, get(link, editor));
            Files.write(book, PolicyChangesTest.edgeAt(book, "90"));
            String input = field(browser.send(browser.session + "/element",
                    "{\"using\":\"css selector\",\"value\":\"#tableFile\"}"), HeadlessChromium.ELEMENT);
            browser.send(browser.session + "/element/" + input + "/value", "{\"text\":\""
                    + quote(book.toAbsolutePath().toString()) + "\"}");
            browser.run("document.getElementById('reason').value = '◎ を 90 から (令和8年度 決裁 第12号)';"
                    + " document.getElementById('proposeForm').requestSubmit(); return 'ok';");
            String title = browser.poll("const t = document.getElementById('proposalTitle');"
                    + " return t ? t.textContent : '';", v -> !v.isEmpty());
            assertTrue(title.contains("公開できません"), title);
            String proposal = browser.run("return document.getElementById('proposal').textContent;");
            assertTrue(proposal.contains("警告: tests/scoring.csv:5: 'just below the ◎ edge': band の期待は ○、結果は ◎"),
                    proposal);

            // the impact is the diff command's, for the same two folders
            Path edited = KpiFixture.copyOfPolicy(rules, dir.resolve("edited"), s -> s);
            Files.writeString(edited.resolve("区分表.csv"), Files.readString(rules.resolve("区分表.csv"))
                    .replace("◎,100,", "◎,90,"));
            String cli = Cli.run("diff", "--rules", rules.toString(), "--rules", edited.toString(), "--data", SEED,
                    "--out", dir.resolve("diff").toString());
            String impact = browser.run("return document.getElementById('impact').textContent;");
            assertEquals(afterHeading(cli.substring(cli.indexOf('\n') + 1)), afterHeading(impact));

            // the scenarios move with the edge, edited in the page's cells, carried on the same proposal
            browser.run("const t = document.getElementById('table'); t.value = 'tests/scoring.csv';"
                    + " t.dispatchEvent(new Event('change')); return 'ok';");
            String moved = browser.run("let n = 0; for (const row of document.querySelectorAll('#cellsView tr')) {"
                    + " const c = row.cells; if (c[0].textContent === 'just below the ◎ edge'"
                    + " || c[0].textContent === 'after the target year the target stays') {"
                    + " const band = Array.from(document.querySelector('#cellsView tr').cells)"
                    + ".findIndex(h => h.textContent === 'expect_band'); c[band].textContent = '◎'; n++; } }"
                    + " return String(n);");
            assertEquals("2", moved);
            assertEquals("true", browser.run("return String(document.getElementById('carryOn').checked);"));
            browser.run("document.getElementById('proposeCells').click(); return 'ok';");
            title = browser.poll("const t = document.getElementById('proposalTitle');"
                    + " return t ? t.textContent : '';", v -> v.contains("tests/scoring.csv"));
            assertTrue(title.contains("公開できます") && title.contains("区分表.csv"), title);
            assertEquals("none", browser.run("return getComputedStyle(document.getElementById('publishForm')).display;"),
                    "an editor is not offered publishing");
            String id = title.substring(title.indexOf("提案 ") + 3, title.indexOf(" (版"));
            String refused = browser.run("return fetch('/api/publish?proposal=" + id + "', {method: 'POST'})"
                    + ".then(r => r.text().then(t => r.status + ' ' + t));");
            assertTrue(refused.startsWith("403 ") && refused.contains("「公開」の役割"), refused);

            browser.open(base + "/?token=" + publisher);
            browser.poll("return String(document.getElementById('proposals').options.length);", v -> !v.equals("0"));
            browser.run("document.getElementById('proposals').value = '" + id + "';"
                    + " document.getElementById('proposalsForm').requestSubmit(); return 'ok';");
            assertEquals("flex", browser.poll("return getComputedStyle(document.getElementById('publishForm')).display;",
                    "flex"::equals), () -> page(browser));
            browser.run("document.getElementById('note').value = '課長決裁済み';"
                    + " document.getElementById('publishForm').requestSubmit(); return 'ok';");
            String done = browser.poll("return document.getElementById('proposal').textContent;",
                    v -> v.contains("として公開しました"));
            assertTrue(done.contains("として公開しました"), () -> page(browser));
            assertEquals("none", browser.run("return getComputedStyle(document.getElementById('publishForm')).display;"),
                    "published: nothing left to publish");
            String newHash = holder.current().hash().substring(0, 8);
            assertTrue(done.contains("ルール " + newHash), done);
            assertTrue(Files.readString(rules.resolve("区分表.csv")).contains("◎,90,"));
            String history = browser.poll("return document.getElementById('versions').textContent;",
                    v -> v.contains("課長決裁済み"));
            assertTrue(history.contains("提案 花子") && history.contains("公開 次郎")
                    && history.contains("◎ を 90 から (令和8年度 決裁 第12号)") && history.contains("rules@" + newHash),
                    history);
            String shownRules = browser.poll("return document.getElementById('rules').textContent;",
                    v -> v.contains("課長決裁済み") || v.contains("決裁 第12号"));
            assertTrue(shownRules.contains("版 ") && shownRules.contains("公開 · 公開 次郎 · ◎ を 90 から (令和8年度 決裁 第12号)"),
                    "the page names the version in service: " + shownRules);
            String second = results(base, publisher);
            assertTrue(second.contains("rules@" + newHash), "the next report names the new version");
            assertFalse(second.equals(first));

            // any version's tables can be shown: the first one's 区分表 has ◎ from 100, and cannot be edited
            browser.run("const s = document.getElementById('tableVersion'); s.value = s.options[s.options.length - 1]"
                    + ".value; s.dispatchEvent(new Event('change')); return 'ok';");
            String older = browser.poll("const t = document.getElementById('table'); if (t.value !== '区分表.csv') {"
                    + " t.value = '区分表.csv'; t.dispatchEvent(new Event('change')); }"
                    + " return Array.from(document.querySelectorAll('#cellsView tr')).map(r => r.textContent).join('|')"
                    + " + '|editable ' + document.querySelectorAll('#cellsView [contenteditable=true]').length;",
                    v -> v.contains("◎100100以上"));
            assertTrue(older.contains("◎100100以上") && older.endsWith("|editable 0"), older);

            // restore the first version: ◎ from 100 again, and the first report byte for byte
            String firstVersion = browser.run("const s = document.getElementById('restoreVersion');"
                    + " return s.options[s.options.length - 1].value;");
            browser.run("document.getElementById('restoreVersion').value = '" + firstVersion + "';"
                    + " document.getElementById('restoreReason').value = '元の区分に戻す';"
                    + " document.getElementById('restoreForm').requestSubmit(); return 'ok';");
            browser.poll("return document.getElementById('comparison').textContent;", v -> v.contains("として戻しました"));
            assertTrue(Files.readString(rules.resolve("区分表.csv")).contains("◎,100,"));
            assertEquals(first, results(base, publisher), "the first rules again, the first report");
            history = browser.poll("return document.getElementById('versions').textContent;",
                    v -> v.contains("元の区分に戻す"));
            assertTrue(history.contains("復元 (" + firstVersion + " から)"), history);
            // what the publisher saw, for people to look at (target/, not committed)
            browser.run("document.getElementById('versions').scrollIntoView(); return 'ok';");
            Files.write(Files.createDirectories(Path.of("target")).resolve("policy-changes.png"), browser.screenshot());
        }
    }

    /** What the page says, for a failure's message. */
    private static String page(HeadlessChromium browser) {
        try {
            return browser.run("return document.getElementById('changes').innerText;");
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** The diff's lines after its heading (which names the two folders or versions). */
    private static String afterHeading(String printed) {
        List<String> lines = printed.lines().filter(l -> !l.startsWith("書き出しました")).toList();
        return String.join("\n", lines.subList(1, lines.size())).strip();
    }

    private byte[] get(String url, String token) throws Exception {
        HttpResponse<byte[]> r = http().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer "
                + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    /** results.csv of FY2018 of the bundled seed, as the service answers it now. */
    private String results(String base, String token) throws Exception {
        HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(base
                + "/api/evaluate?data=otaru-h30.csv&year=FY2018&format=csv")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
