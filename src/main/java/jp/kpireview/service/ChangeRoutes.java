package jp.kpireview.service;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Semaphore;
import jp.kpireview.history.Change;
import jp.kpireview.history.ChecksFailed;
import jp.kpireview.history.Conflict;
import jp.kpireview.history.HistoryException;
import jp.kpireview.history.PolicyHistory;
import jp.kpireview.history.Staging;
import jp.kpireview.history.Version;
import jp.kpireview.io.Folders;
import jp.kpireview.validate.CheckReport;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Governed policy changes: the history of the rule folder, its tables to download, proposals of edited tables with
 * their check and impact, publishing a proposal and restoring an earlier version. Who may do what is the route's
 * role ({@link Users.Role}); the history names the proposer and the publisher, never a token. The eight routes are
 * one class because they share the history, the bundled data an impact is shown on, and the one check at a time.
 * <pre>
 * GET  /api/me                          who the request comes from, and their role
 * GET  /api/history                     the versions, newest first, and edits on disk not recorded yet
 * GET  /api/tables[?version=]           the tables of a version (the latest by default)
 * GET  /api/table?file=&amp;format=csv|xlsx[&amp;version=]   one table to download
 * GET  /api/compare?from=&amp;to=[&amp;data=]  what one version changes against another, as diff prints it
 * POST /api/proposals?file=&amp;reason=[&amp;from=][&amp;data=]  body: the edited table (CSV or .xlsx); from= carries on
 *                                       an earlier proposal (a table, then the scenarios it moves)  (提案)
 * GET  /api/proposals                   the proposals kept                                  (提案)
 * POST /api/publish?proposal=[&amp;note=]  publishes a clean proposal made against the latest version  (公開)
 * POST /api/restore?version=&amp;reason=   brings back an earlier version as the next one      (公開)
 * </pre>
 */
final class ChangeRoutes {

    /** A reason is a sentence or a few, with a decision's number: this bounds it. */
    private static final int MAX_REASON = 2_000;

    private final RuleHolder rules;
    private final BundledData data;
    private final SheetIntake intake;
    private final Proposals proposals = new Proposals();
    /** Checks of proposals and comparisons at once: each compiles a folder, so one at a time. */
    private final Semaphore checking = new Semaphore(1);

    ChangeRoutes(RuleHolder rules, BundledData data, ReviewService.Limits limits) {
        this.rules = rules;
        this.data = data;
        this.intake = new SheetIntake(data, limits);
    }

    private static Users.User who(Request request) {
        return (Users.User) request.getAttribute(ServiceRoutes.USER);
    }

    private PolicyHistory history(Response response, Callback callback) {
        PolicyHistory history = rules.history();
        if (history == null) {
            Api.error(response, callback, 404, "history", "このサービスはルールの履歴を持っていません");
        }
        return history;
    }

    void me(Request request, Response response, Callback callback) {
        Users.User who = who(request);
        Api.json(response, callback, 200, json -> {
            json.writeStringField("name", who.name());
            json.writeStringField("role", who.role().name().toLowerCase(java.util.Locale.ROOT));
            json.writeStringField("roleLabel", who.role().label);
            json.writeBooleanField("history", rules.history() != null);
        });
    }

    void history(Request request, Response response, Callback callback) {
        PolicyHistory history = history(response, callback);
        if (history == null) {
            return;
        }
        List<Version> versions = history.versions();
        List<String> unrecorded = history.unrecorded();
        Api.json(response, callback, 200, json -> {
            json.writeStringField("folder", rules.folder().getFileName().toString());
            json.writeArrayFieldStart("versions");
            for (Version v : versions) {
                ChangesJson.version(json, v);
            }
            json.writeEndArray();
            ChangesJson.strings(json, "unrecorded", unrecorded);
        });
    }

    void tables(Request request, Response response, Callback callback) {
        PolicyHistory history = history(response, callback);
        if (history == null) {
            return;
        }
        Version version = version(request, history, "version");
        SortedMap<String, byte[]> files = history.files(version);
        Api.json(response, callback, 200, json -> {
            json.writeFieldName("version");
            ChangesJson.version(json, version);
            json.writeArrayFieldStart("tables");
            for (var e : files.entrySet()) {
                if (TableFiles.isTable(e.getKey())) {
                    json.writeStartObject();
                    json.writeStringField("file", e.getKey());
                    json.writeStringField("name", TableFiles.nameOf(e.getKey()));
                    json.writeArrayFieldStart("cells");
                    for (List<String> row : cells(e.getKey(), e.getValue())) {
                        ChangesJson.strings(json, null, row);
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
        });
    }

    void table(Request request, Response response, Callback callback) {
        PolicyHistory history = history(response, callback);
        if (history == null) {
            return;
        }
        Version version = version(request, history, "version");
        String file = Api.query(request, "file");
        byte[] bytes = file == null || !TableFiles.isTable(file) ? null : history.files(version).get(file);
        if (bytes == null) {
            Api.error(response, callback, 404, "file", "版 " + version.shortId() + " に表 '" + file + "' はありません");
            return;
        }
        boolean workbook = "xlsx".equals(Api.query(request, "format"));
        byte[] body = workbook == TableFiles.isWorkbook(file) ? bytes : workbook
                ? TableFiles.workbook(TableFiles.nameOf(file), cells(file, bytes)) : TableFiles.csv(cells(file, bytes));
        String name = TableFiles.nameOf(file) + (workbook ? ".xlsx" : ".csv");
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"table" + (workbook ? ".xlsx"
                : ".csv") + "\"; filename*=UTF-8''" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        Api.send(response, callback, 200, workbook
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8", body);
    }

    void compare(Request request, Response response, Callback callback) {
        PolicyHistory history = history(response, callback);
        if (history == null) {
            return;
        }
        Version from = version(request, history, "from");
        Version to = version(request, history, "to");
        List<Path> files = dataFiles(request, response, callback);
        if (files == null || !acquire(response, callback)) {
            return;
        }
        try (Staging before = Staging.of(history.folder(), history.files(from));
                Staging after = Staging.of(history.folder(), history.files(to))) {
            if (!before.clean() || !after.clean()) {
                Api.error(response, callback, 422, "version", "版 " + (before.clean() ? to : from).shortId()
                        + " は今の確かめで誤りが見つかるので、比べられません");
                return;
            }
            String text = Proposals.impact(before.engine(), after.engine(), files, "版 " + from.shortId(), "版 "
                    + to.shortId());
            Api.json(response, callback, 200, json -> json.writeStringField("impact", text));
        } finally {
            checking.release();
        }
    }

    void propose(Request request, Response response, Callback callback) throws IOException {
        PolicyHistory history = history(response, callback);
        if (history == null) {
            return;
        }
        String file = Api.query(request, "file");
        String reason = reason(request, "reason");
        String fromId = Api.query(request, "from");
        Proposals.Proposal from = proposals.get(fromId);
        if (fromId != null && from == null) {
            Api.error(response, callback, 404, "from", "提案 '" + fromId + "' はありません (提案は最新の "
                    + Proposals.KEPT + " 件だけを覚えています)");
            return;
        }
        if (file == null || !TableFiles.isTable(file) || !history.files(history.head()).containsKey(file)) {
            Api.error(response, callback, 400, "file", "file=… にはルールの表 (区分表.csv など、GET /api/tables の"
                    + " file) を書きます: '" + file + "' はありません");
            return;
        }
        if (reason == null) {
            Api.error(response, callback, 400, "reason", "変更の理由 (reason=…) を " + MAX_REASON + " 字までで書きます");
            return;
        }
        List<Path> files = dataFiles(request, response, callback);
        if (files == null) {
            return;
        }
        intake.upload(request, response, callback, upload -> {
            try {
                if (!acquire(response, callback)) {
                    return;
                }
                try {
                    byte[] table = TableFiles.asKept(file, Files.readAllBytes(upload), upload.getFileName().toString()
                            .endsWith(".xlsx"), upload.resolveSibling("cells.xlsx"));
                    Proposals.Proposal p = Proposals.make(rules, from, file, table, who(request).name(), reason,
                            files);
                    proposals.add(p);
                    Api.json(response, callback, p.clean() ? 200 : 422, json -> ChangesJson.proposal(json, p, history.head().id()));
                } finally {
                    checking.release();
                }
            } catch (IllegalArgumentException | jp.kpireview.domain.DataException e) {
                Api.error(response, callback, 400, "body", e instanceof jp.kpireview.domain.DataException d
                        ? d.problems().get(0).message() : e.getMessage());
            } finally {
                Folders.deleteTree(upload.getParent());
            }
        });
    }

    void proposals(Request request, Response response, Callback callback) {
        PolicyHistory history = history(response, callback);
        if (history == null) {
            return;
        }
        List<Proposals.Proposal> all = proposals.all();
        String latest = history.head().id();
        Api.json(response, callback, 200, json -> {
            json.writeArrayFieldStart("proposals");
            for (Proposals.Proposal p : all) {
                json.writeStartObject();
                ChangesJson.proposal(json, p, latest);
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    void publish(Request request, Response response, Callback callback) {
        PolicyHistory history = history(response, callback);
        if (history == null) {
            return;
        }
        Proposals.Proposal p = proposals.get(Api.query(request, "proposal"));
        String note = Api.query(request, "note");
        if (p == null) {
            Api.error(response, callback, 404, "proposal", "その提案はありません (提案は最新の " + Proposals.KEPT
                    + " 件だけを覚えています)");
            return;
        }
        if (!p.clean()) {
            Api.error(response, callback, 422, "proposal", "この提案は確かめで誤りが見つかったので公開できません");
            return;
        }
        if (note != null && note.length() > MAX_REASON) {
            Api.error(response, callback, 400, "note", "公開のメモは " + MAX_REASON + " 字までです");
            return;
        }
        String reason = p.reason() + (note == null || note.isBlank() ? "" : "\n\n公開のメモ: " + note.strip());
        answer(response, callback, () -> rules.publish(p.base(), p.files(), new Change(p.author(),
                reason, Version.Kind.PUBLISHED, List.of(), "", who(request).name()),
                "提案 " + p.id()), () -> proposals.remove(p.id()));
    }

    void restore(Request request, Response response, Callback callback) {
        if (history(response, callback) == null) {
            return;
        }
        String version = Api.query(request, "version");
        String reason = reason(request, "reason");
        if (reason == null) {
            Api.error(response, callback, 400, "reason", "戻す理由 (reason=…) を " + MAX_REASON + " 字までで書きます");
            return;
        }
        answer(response, callback, () -> rules.restore(version, who(request).name(), reason), () -> { });
    }

    /** Publishes or restores, and answers with the new version, or with why not. */
    private void answer(Response response, Callback callback, java.util.function.Supplier<Version> act,
            Runnable done) {
        if (!acquire(response, callback)) {
            return;
        }
        try {
            Version v = act.get();
            done.run();
            Api.json(response, callback, 200, json -> {
                json.writeFieldName("version");
                ChangesJson.version(json, v);
                json.writeStringField("rules", rules.current().hash());
            });
        } catch (Conflict e) {
            Api.json(response, callback, 409, json -> {
                ChangesJson.errors(json, "version", e.getMessage());
                json.writeArrayFieldStart("since");
                for (Version v : e.since()) {
                    ChangesJson.version(json, v);
                }
                json.writeEndArray();
            });
        } catch (ChecksFailed e) {
            Api.json(response, callback, 422, json -> {
                ChangesJson.errors(json, "rules", e.getMessage());
                json.writeFieldName("check");
                Api.check(json, new CheckReport(null, List.of(), e.findings()));
            });
        } catch (HistoryException e) {
            Api.error(response, callback, 409, "version", e.getMessage());
        } finally {
            checking.release();
        }
    }

    private boolean acquire(Response response, Callback callback) {
        if (checking.tryAcquire()) {
            return true;
        }
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        Api.error(response, callback, 503, "server", "ほかの提案を確かめています。数秒後にもう一度試してください");
        return false;
    }

    /** The version a query parameter names (the latest when it names none); a wrong name is an HistoryException. */
    private static Version version(Request request, PolicyHistory history, String parameter) {
        String name = Api.query(request, parameter);
        return name == null || name.isBlank() ? history.head() : history.version(name);
    }

    /** The bundled data the impact is shown on: the one named, or all of them; null when answered with an error. */
    private List<Path> dataFiles(Request request, Response response, Callback callback) {
        String name = Api.query(request, "data");
        if (name == null || name.isBlank()) {
            return data.names().stream().map(data::resolve).toList();
        }
        Path file = data.resolve(name);
        if (file == null) {
            Api.error(response, callback, 404, "data", "同梱のデータ '" + name + "' はありません");
            return null;
        }
        return List.of(file);
    }

    private static String reason(Request request, String parameter) {
        String reason = Api.query(request, parameter);
        return reason == null || reason.isBlank() || reason.length() > MAX_REASON ? null : reason.strip();
    }

    private static List<List<String>> cells(String file, byte[] bytes) {
        try {
            Path scratch = Files.createTempFile("kpi-review-table", ".xlsx");
            try {
                return TableFiles.cells(file, bytes, scratch);
            } finally {
                Files.deleteIfExists(scratch);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
