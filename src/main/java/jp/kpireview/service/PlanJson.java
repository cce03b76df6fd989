package jp.kpireview.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Plan;

/** {@code /api/plan}'s answer: the year, its policy and bands, and per KPI the actual each goal needs. */
final class PlanJson {

    private static final JsonFactory JSON = new JsonFactory();

    private PlanJson() {
    }

    static byte[] write(Plan plan) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("fiscalYear", FiscalYear.label(plan.year()));
            json.writeStringField("label", FiscalYear.bothLabels(plan.year()));
            json.writeStringField("policy", plan.policy().label());
            // the goals a need is given for: every band above the lowest, then the policy's flag if it has one
            json.writeArrayFieldStart("goals");
            for (String goal : plan.goals()) {
                json.writeString(goal);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("bands");
            for (Band b : plan.bands()) {
                json.writeStartObject();
                json.writeStringField("mark", b.mark());
                json.writeStringField("label", b.label());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("kpis");
            for (Plan.KpiNeeds p : plan.kpis()) {
                json.writeStartObject();
                json.writeStringField("kpiId", p.kpi().id());
                json.writeStringField("kpi", p.kpi().name());
                json.writeStringField("unit", p.kpi().unit());
                json.writeStringField("direction", p.kpi().directionText());
                json.writeArrayFieldStart("needs");
                for (Plan.Need n : p.needs()) {
                    json.writeStartObject();
                    json.writeStringField("goal", n.goal());
                    if (n.actual() == null) {
                        json.writeNullField("actual");
                    } else {
                        json.writeNumberField("actual", n.actual());
                    }
                    // as the reports print it (83.0%以上): the page shows this text, not a number it formats itself
                    json.writeStringField("shown", p.shown(n));
                    json.writeStringField("note", n.note());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
