package jp.kpireview.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.KpiHistory;
import jp.kpireview.domain.Trend;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.io.Csv;
import org.apache.commons.csv.CSVPrinter;

/**
 * results.csv: one row per municipality, fiscal year and KPI with everything the rules concluded, and the trend
 * against the KPI's previous scored year ({@code policy_changed} when that year was under another policy), and the
 * policy that produced the row ({@code name@hash}). UTF-8 with a BOM, so Excel opens the Japanese text as such.
 */
public final class ResultsCsv extends StreamedReport<byte[]> {

    public static final List<String> HEADER = List.of("municipality", "kpi_id", "fiscal_year", "status",
            "reference_kind", "reference", "raw_score", "score", "band", "achieved", "trend", "fiscal_year_jp",
            "direction", "project", "business_no", "kpi", "policy");

    public ResultsCsv(Path target) {
        super(target);
        write(Csv.headerWithBom(HEADER));
    }

    @Override
    public byte[] render(MunicipalityReview review) {
        List<KpiHistory> histories = review.histories();
        StringBuilder text = new StringBuilder(review.size() * 160);
        try (CSVPrinter csv = Csv.rows(text)) {
            for (int y = 0; y < review.reviews().size(); y++) {
                int year = review.reviews().get(y).year();
                String policy = review.reviews().get(y).policy().label();
                boolean flagged = review.reviews().get(y).terms().hasFlag();
                for (KpiHistory history : histories) {
                    print(csv, history.years().get(y), history.change(year).orElse(null), policy, flagged);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @param flagged whether the policy has an achievement flag: its cell is empty where it has none */
    private static void print(CSVPrinter csv, Evaluation e, Trend trend, String policy, boolean flagged)
            throws IOException {
        csv.printRecord(Csv.safe(java.util.Arrays.asList(e.kpi().municipality(), e.kpi().id(),
                FiscalYear.label(e.year()), e.status().code(),
                e.referenceKind() == null ? "" : e.referenceKind().code(), Numbers.reference(e.reference()),
                Numbers.plain(e.rawScore()), Numbers.plain(e.score()), e.band() == null ? "" : e.band().mark(),
                e.judged() && flagged ? e.achieved() : "", trend == null ? "" : trend.code(), FiscalYear.japaneseLabel(e.year()),
                e.kpi().directionText(), e.kpi().project(), e.kpi().businessNo(), e.kpi().name(), policy)));
    }

    @Override
    public void add(byte[] part) {
        write(part);
    }
}
