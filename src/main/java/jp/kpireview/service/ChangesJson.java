package jp.kpireview.service;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import jp.kpireview.history.Version;
import jp.kpireview.validate.PolicyCheck;

/** The JSON of the governed changes: a version, a proposal with its checks and impact, an error of a publish. */
final class ChangesJson {

    private ChangesJson() {
    }

    /** The one error of a publish or a restore, in the shape of {@link Api#problems}. */
    static void errors(JsonGenerator json, String field, String message) throws IOException {
        json.writeArrayFieldStart("errors");
        json.writeStartObject();
        json.writeStringField("location", "request");
        json.writeStringField("field", field);
        json.writeStringField("message", message);
        json.writeStringField("text", message);
        json.writeEndObject();
        json.writeEndArray();
    }

    /** A proposal; {@code latest} is the latest version's id, which a proposal must be made against to be published. */
    static void proposal(JsonGenerator json, Proposals.Proposal p, String latest) throws IOException {
        json.writeStringField("id", p.id());
        json.writeStringField("base", p.base().substring(0, 12));
        json.writeBooleanField("current", latest.equals(p.base()));
        strings(json, "changed", p.changed());
        json.writeStringField("author", p.author());
        json.writeStringField("reason", p.reason());
        json.writeStringField("at", p.at().toString());
        json.writeBooleanField("publishable", p.clean());
        json.writeStringField("impact", p.impact());
        json.writeArrayFieldStart("checks");
        for (PolicyCheck.PeriodReport r : p.reports()) {
            Api.check(json, r.report());
        }
        json.writeEndArray();
    }

    static void version(JsonGenerator json, Version v) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", v.shortId());
        json.writeStringField("at", v.at().atZone(v.zone()).toOffsetDateTime().toString());
        json.writeStringField("author", v.author());
        json.writeStringField("publisher", v.publisher());
        json.writeStringField("reason", v.reason());
        json.writeStringField("kind", v.kind().name().toLowerCase(java.util.Locale.ROOT));
        json.writeStringField("kindLabel", v.kind().label());
        strings(json, "policies", v.policies());
        strings(json, "changed", v.changed());
        json.writeStringField("restoredFrom", v.restoredFrom());
        json.writeEndObject();
    }

    static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        if (field == null) {
            json.writeStartArray();
        } else {
            json.writeArrayFieldStart(field);
        }
        for (String s : values) {
            json.writeString(s);
        }
        json.writeEndArray();
    }
}
