package jp.kpireview.service;

import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import jp.kpireview.domain.FiscalYear;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/rules}: the rules in service — each policy (period) with its first year, version, load time, files
 * and validation — and each edit that was not taken, with why. Folders are named as the officer knows them, never by
 * the server's absolute paths.
 */
final class RulesJson {

    private RulesJson() {
    }

    static void write(RuleHolder rules, Response response, Callback callback) {
        RuleHolder.Current current = rules.current();
        Map<String, RuleHolder.Rejected> rejected = rules.rejected();
        // the latest version of the history, which the rules in service are unless an edit on disk was refused
        jp.kpireview.history.Version version = rules.history() == null ? null : rules.history().head();
        Api.json(response, callback, 200, json -> {
            json.writeStringField("hash", current.hash());
            if (version != null) {
                json.writeFieldName("version");
                ChangesJson.version(json, version);
            }
            Path folder = rules.folder().toAbsolutePath().normalize().getFileName();
            json.writeStringField("folder", folder == null ? "" : folder.toString());
            json.writeArrayFieldStart("policies");
            for (RuleHolder.Loaded loaded : current.policies()) {
                json.writeStartObject();
                json.writeStringField("name", loaded.period().name());
                if (loaded.period().firstYear() == null) {
                    json.writeNullField("from");
                } else {
                    json.writeStringField("from", FiscalYear.label(loaded.period().firstYear()));
                }
                json.writeStringField("hash", loaded.hash());
                json.writeStringField("loadedAt", loaded.loadedAt().truncatedTo(ChronoUnit.SECONDS).toString());
                json.writeArrayFieldStart("files");
                for (Path f : loaded.policy().rules().files()) {
                    json.writeString(f.getFileName().toString());
                }
                json.writeEndArray();
                json.writeFieldName("validation");
                Api.check(json, loaded.check());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("periodChanges");
            for (RuleHolder.PeriodChange change : rules.periodChanges()) {
                json.writeStartObject();
                json.writeStringField("at", change.at().truncatedTo(ChronoUnit.SECONDS).toString());
                json.writeStringField("text", change.text());
                json.writeBooleanField("taken", change.taken());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeFieldName("rejected");
            if (rejected.isEmpty()) {
                json.writeNull();
            } else {
                json.writeStartObject();
                for (RuleHolder.Rejected r : rejected.values()) {
                    json.writeObjectFieldStart(r.period());
                    json.writeStringField("hash", r.hash());
                    json.writeStringField("at", r.at().truncatedTo(ChronoUnit.SECONDS).toString());
                    json.writeFieldName("validation");
                    Api.check(json, r.check());
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
        });
    }
}
