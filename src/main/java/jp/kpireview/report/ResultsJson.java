package jp.kpireview.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.KpiHistory;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.domain.Trend;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.Review;

/**
 * results.json, for programs: the band scale, then per municipality its project summaries and its KPIs, each KPI
 * with its evaluation per year and its trend. Streamed, so a nationwide run never holds the document in memory.
 * Numbers are exact decimals; absent values are null.
 */
public final class ResultsJson extends StreamedReport<ResultsJson.Part> {

    private static final JsonFactory JSON = new JsonFactory();

    /** A municipality's JSON object, with the band scale the document starts with. */
    public record Part(List<Band> bands, byte[] json) {
    }

    private boolean started;

    public ResultsJson(Path target) {
        super(target);
    }

    @Override
    public Part render(MunicipalityReview review) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(review.size() * 300);
        try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            new Municipality(json).write(review);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Part(review.bands(), bytes.toByteArray());
    }

    @Override
    public void add(Part part) {
        if (!started) {
            write(start(part.bands()));
            started = true;
        } else {
            write(new byte[] {','});
        }
        write(part.json());
    }

    @Override
    void complete() {
        if (!started) {
            write(start(List.of()));
            started = true;
        }
        write("]}\n");
    }

    /** The document up to the first municipality: the band scale, then the array of municipalities opens. */
    private static String start(List<Band> bands) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartArray();
            for (Band band : bands) {
                json.writeStartObject();
                json.writeStringField("mark", band.mark());
                json.writeStringField("label", band.label());
                Municipality.number(json, "lower", band.lower());
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "{\"bands\":" + bytes.toString(StandardCharsets.UTF_8) + ",\"municipalities\":[";
    }

    /** One municipality as a JSON object. */
    private record Municipality(JsonGenerator json) {

        void write(MunicipalityReview review) throws IOException {
            json.writeStartObject();
            json.writeStringField("municipality", review.municipality());
            json.writeStringField("source", review.source());
            json.writeArrayFieldStart("fiscalYears");
            for (int year : review.years()) {
                json.writeString(FiscalYear.label(year));
            }
            json.writeEndArray();
            writePolicies(review);
            writeSummaries(review);
            writeKpis(review.histories(), review.reviews().stream().map(r -> r.terms().hasFlag()).toList());
            json.writeEndObject();
        }

        /** The policy in force each year, with its band scale: years of different periods may differ. */
        void writePolicies(MunicipalityReview review) throws IOException {
            json.writeArrayFieldStart("policies");
            for (Review year : review.reviews()) {
                json.writeStartObject();
                json.writeStringField("fiscalYear", FiscalYear.label(year.year()));
                json.writeStringField("policy", year.policy().label());
                json.writeArrayFieldStart("bands");
                for (Band band : year.bands()) {
                    json.writeStartObject();
                    json.writeStringField("mark", band.mark());
                    json.writeStringField("label", band.label());
                    number("lower", band.lower());
                    json.writeEndObject();
                }
                json.writeEndArray();
                // the policy's own words: what its score, raw score, summary measure and flag are called (null: none)
                json.writeObjectFieldStart("terms");
                json.writeStringField("score", year.terms().score());
                json.writeStringField("rawScore", year.terms().rawScore());
                json.writeStringField("averageScore", year.terms().average());
                json.writeStringField("achieved", year.terms().flag());
                json.writeStringField("achievedLegend", year.terms().flagLegend());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        }

        void writeSummaries(MunicipalityReview review) throws IOException {
            json.writeArrayFieldStart("summaries");
            for (Review year : review.reviews()) {
                for (ProjectSummary s : year.summaries()) {
                    json.writeStartObject();
                    json.writeStringField("project", s.project());
                    json.writeStringField("fiscalYear", FiscalYear.label(s.year()));
                    json.writeNumberField("scoredBusinesses", s.scoredBusinesses());
                    json.writeNumberField("allBusinesses", s.allBusinesses());
                    json.writeNumberField("scoredKpis", s.scoredKpis());
                    json.writeNumberField("allKpis", s.allKpis());
                    number("averageScore", s.average());
                    json.writeObjectFieldStart("bandCounts");
                    for (var count : s.bandCounts().entrySet()) {
                        json.writeNumberField(count.getKey(), count.getValue());
                    }
                    json.writeEndObject();
                    if (s.terms().hasFlag()) {
                        json.writeNumberField("achieved", s.achieved());
                    } else {
                        json.writeNullField("achieved");
                    }
                    if (s.grade() != null) {
                        json.writeStringField("grade", s.grade());
                    }
                    json.writeStringField("policy", year.policy().label());
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
        }

        void writeKpis(List<KpiHistory> histories, List<Boolean> flagged) throws IOException {
            json.writeArrayFieldStart("kpis");
            for (KpiHistory history : histories) {
                Kpi k = history.kpi();
                json.writeStartObject();
                json.writeStringField("kpiId", k.id());
                json.writeStringField("project", k.project());
                json.writeStringField("businessNo", k.businessNo());
                json.writeStringField("business", k.business());
                json.writeStringField("kpi", k.name());
                json.writeStringField("unit", k.unit());
                json.writeStringField("direction", k.directionText());
                json.writeStringField("baselineYear", k.baselineYear() == null ? null
                        : FiscalYear.label(k.baselineYear()));
                number("baseline", k.baseline());
                json.writeStringField("targetYear", FiscalYear.label(k.targetYear()));
                number("finalTarget", k.finalTarget());
                json.writeArrayFieldStart("years");
                for (int y = 0; y < history.years().size(); y++) {
                    Evaluation e = history.years().get(y);
                    writeYear(e, history.change(e.year()).orElse(null), history.policies().get(y).label(),
                            flagged.get(y));
                }
                json.writeEndArray();
                trend("trend", history.latest().orElse(null));  // the latest year's, as every report shows it
                json.writeEndObject();
            }
            json.writeEndArray();
        }

        /** @param flagged whether the year's policy has an achievement flag ("achieved" is null where it has none) */
        void writeYear(Evaluation e, Trend change, String policy, boolean flagged) throws IOException {
            json.writeStartObject();
            json.writeStringField("fiscalYear", FiscalYear.label(e.year()));
            json.writeStringField("fiscalYearJp", FiscalYear.japaneseLabel(e.year()));
            number("actual", e.kpi().actuals().get(e.year()));
            json.writeStringField("status", e.status().code());
            json.writeStringField("referenceKind", e.referenceKind() == null ? null : e.referenceKind().code());
            number("reference", e.reference());
            number("rawScore", e.rawScore());
            number("score", e.score());
            // the score with the decimals the reports print (69.70, 0.00): a JSON number keeps no trailing zero
            json.writeStringField("scoreShown", e.score() == null ? null : e.score().toPlainString());
            json.writeStringField("band", e.band() == null ? null : e.band().mark());
            if (flagged) {
                json.writeBooleanField("achieved", e.achieved());
            } else {
                json.writeNullField("achieved");
            }
            trend("trend", change);
            json.writeStringField("policy", policy);
            json.writeStringField("statusLabel", e.status().label());
            if (!e.statusReason().isEmpty()) {
                json.writeStringField("statusReason", e.statusReason());
            }
            json.writeEndObject();
        }

        void number(String field, BigDecimal value) throws IOException {
            number(json, field, value);
        }

        static void number(JsonGenerator json, String field, BigDecimal value) throws IOException {
            json.writeFieldName(field);
            if (value == null) {
                json.writeNull();
            } else {
                json.writeNumber(value);
            }
        }

        void trend(String field, Trend trend) throws IOException {
            json.writeStringField(field, trend == null ? null : trend.code());
        }
    }
}
