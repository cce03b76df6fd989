package jp.kpireview.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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

    /** A municipality's JSON object, in the buffer it was rendered into, and the band scale the document opens with. */
    public record Part(List<Band> bands, ByteArrayOutputStream json) {
    }

    private final BufferSize size = new BufferSize(400);
    private boolean started;

    public ResultsJson(Path target) {
        super(target);
    }

    @Override
    public Part render(MunicipalityReview review) {
        ByteArrayOutputStream bytes = size.buffer(review.size());
        try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            new Municipality(json).write(review);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        size.rendered(review.size(), bytes.size());
        return new Part(review.bands(), bytes);
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
                Municipality.band(json, band);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "{\"bands\":" + bytes.toString(StandardCharsets.UTF_8) + ",\"municipalities\":[";
    }

    /**
     * One municipality as a JSON object. Its fields go through {@link #fields}, one call of the generator per kind of
     * value: written field by field, the large methods here cost the optimising JIT seconds of a new JVM's run.
     */
    private record Municipality(JsonGenerator json) {

        /** The fields of a KPI-year, in order, encoded once: they are most of the document's field names. */
        private static final SerializedString[] YEAR_FIELDS = Stream.of("fiscalYear", "fiscalYearJp", "actual",
                "status", "referenceKind", "reference", "rawScore", "score", "scoreShown", "band", "achieved",
                "trend", "policy", "statusLabel").map(SerializedString::new).toArray(SerializedString[]::new);

        void write(MunicipalityReview review) throws IOException {
            json.writeStartObject();
            fields("municipality", review.municipality(), "source", review.source());
            json.writeArrayFieldStart("fiscalYears");
            for (int year : review.years()) {
                json.writeString(FiscalYear.label(year));
            }
            json.writeEndArray();
            writePolicies(review);
            writeSummaries(review);
            writeKpis(review.histories(), review.reviews().stream().map(YearTexts::of).toList());
            json.writeEndObject();
        }

        /** The policy in force each year, with its band scale: years of different periods may differ. */
        void writePolicies(MunicipalityReview review) throws IOException {
            json.writeArrayFieldStart("policies");
            for (Review year : review.reviews()) {
                json.writeStartObject();
                fields("fiscalYear", FiscalYear.label(year.year()), "policy", year.policy().label());
                json.writeArrayFieldStart("bands");
                for (Band band : year.bands()) {
                    band(json, band);
                }
                json.writeEndArray();
                // the policy's own words: what its score, raw score, summary measure and flag are called (null: none)
                json.writeObjectFieldStart("terms");
                fields("score", year.terms().score(), "rawScore", year.terms().rawScore(),
                        "averageScore", year.terms().average(), "achieved", year.terms().flag(),
                        "achievedLegend", year.terms().flagLegend());
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
                    fields("project", s.project(), "fiscalYear", FiscalYear.label(s.year()),
                            "scoredBusinesses", s.scoredBusinesses(), "allBusinesses", s.allBusinesses(),
                            "scoredKpis", s.scoredKpis(), "allKpis", s.allKpis(), "averageScore", s.average());
                    json.writeObjectFieldStart("bandCounts");
                    for (var count : s.bandCounts().entrySet()) {
                        fields(count.getKey(), count.getValue());
                    }
                    json.writeEndObject();
                    fields("achieved", s.terms().hasFlag() ? s.achieved() : null);
                    if (s.grade() != null) {
                        fields("grade", s.grade());
                    }
                    fields("policy", year.policy().label());
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
        }

        /**
         * What every KPI of a year repeats, made once per municipality (a policy's label is a new text each time it is
         * asked for).
         *
         * @param flagged whether the year's policy has an achievement flag ("achieved" is null where it has none)
         */
        private record YearTexts(String label, String japaneseLabel, String policy, boolean flagged) {

            static YearTexts of(Review year) {
                return new YearTexts(FiscalYear.label(year.year()), FiscalYear.japaneseLabel(year.year()),
                        year.policy().label(), year.terms().hasFlag());
            }
        }

        /** @param years the texts of each reported year, in the order of every history's years */
        void writeKpis(List<KpiHistory> histories, List<YearTexts> years) throws IOException {
            json.writeArrayFieldStart("kpis");
            for (KpiHistory history : histories) {
                Kpi k = history.kpi();
                json.writeStartObject();
                fields("kpiId", k.id(), "project", k.project(), "businessNo", k.businessNo(),
                        "business", k.business(), "kpi", k.name(), "unit", k.unit(), "direction", k.directionText(),
                        "baselineYear", k.baselineYear() == null ? null : FiscalYear.label(k.baselineYear()),
                        "baseline", k.baseline(), "targetYear", FiscalYear.label(k.targetYear()),
                        "finalTarget", k.finalTarget());
                if (!k.attributes().isEmpty()) {
                    // the town's own columns, as the sheet heads and holds them
                    json.writeObjectFieldStart("attributes");
                    for (var column : k.attributes().entrySet()) {
                        fields(column.getKey(), column.getValue());
                    }
                    json.writeEndObject();
                }
                if (!k.targetRevisions().isEmpty()) {
                    // a target revised mid-plan: from which year, and to what
                    json.writeArrayFieldStart("targetRevisions");
                    for (var revision : k.targetRevisions().entrySet()) {
                        json.writeStartObject();
                        fields("from", FiscalYear.label(revision.getKey()), "target", revision.getValue());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                json.writeArrayFieldStart("years");
                for (int y = 0; y < history.years().size(); y++) {
                    Evaluation e = history.years().get(y);
                    writeYear(e, history.change(e.year()).orElse(null), years.get(y));
                }
                json.writeEndArray();
                fields("trend", code(history.latest().orElse(null)));  // the latest year's, as every report shows it
                json.writeEndObject();
            }
            json.writeEndArray();
        }

        void writeYear(Evaluation e, Trend change, YearTexts year) throws IOException {
            json.writeStartObject();
            values(YEAR_FIELDS, year.label(), year.japaneseLabel(),
                    e.kpi().actuals().get(e.year()), e.status().code(),
                    e.referenceKind() == null ? null : e.referenceKind().code(),
                    e.reference(), e.rawScore(), e.score(),
                    // the score with the decimals the reports print (69.70, 0.00): a JSON number keeps no trailing 0
                    e.score() == null ? null : e.score().toPlainString(),
                    e.band() == null ? null : e.band().mark(),
                    year.flagged() ? e.achieved() : null,
                    code(change), year.policy(), e.status().label());
            if (!e.statusReason().isEmpty()) {
                fields("statusReason", e.statusReason());
            }
            json.writeEndObject();
        }

        private static String code(Trend trend) {
            return trend == null ? null : trend.code();
        }

        void fields(Object... namesAndValues) throws IOException {
            fields(json, namesAndValues);
        }

        /** Name, value, name, value…: a value is a text, a decimal, a whole number, true/false or null. */
        static void fields(JsonGenerator json, Object... namesAndValues) throws IOException {
            for (int i = 0; i < namesAndValues.length; i += 2) {
                json.writeFieldName((String) namesAndValues[i]);
                value(json, namesAndValues[i + 1]);
            }
        }

        /** The fields {@code names} with {@code values}, in order: the names already encoded (a KPI-year's fields). */
        void values(SerializedString[] names, Object... values) throws IOException {
            if (values.length != names.length) {
                throw new IllegalArgumentException(names.length + " fields, " + values.length + " values");
            }
            for (int i = 0; i < names.length; i++) {
                json.writeFieldName(names[i]);
                value(json, values[i]);
            }
        }

        private static void value(JsonGenerator json, Object value) throws IOException {
            switch (value) {
                case null -> json.writeNull();
                case String text -> json.writeString(text);
                case BigDecimal decimal -> json.writeNumber(decimal);
                case Integer whole -> json.writeNumber(whole);
                case Long whole -> json.writeNumber(whole);
                case Boolean yes -> json.writeBoolean(yes);
                default -> throw new IllegalArgumentException("no JSON value for " + value);
            }
        }

        static void band(JsonGenerator json, Band band) throws IOException {
            json.writeStartObject();
            fields(json, "mark", band.mark(), "label", band.label(), "lower", band.lower());
            json.writeEndObject();
        }
    }
}
