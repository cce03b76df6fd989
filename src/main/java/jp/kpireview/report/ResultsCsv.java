package jp.kpireview.report;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.KpiHistory;
import jp.kpireview.domain.Trend;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.Review;
import jp.kpireview.io.Csv;
import jp.kpireview.io.CsvBytes;

/**
 * results.csv: one row per municipality, fiscal year and KPI with everything the rules concluded, and the trend
 * against the KPI's previous scored year ({@code policy_changed} when that year was under another policy), and the
 * policy that produced the row ({@code name@hash}). UTF-8 with a BOM, so Excel opens the Japanese text as such.
 */
public final class ResultsCsv extends StreamedReport<ByteArrayOutputStream> {

    public static final List<String> HEADER = List.of("municipality", "kpi_id", "fiscal_year", "status",
            "reference_kind", "reference", "raw_score", "score", "band", "achieved", "trend", "fiscal_year_jp",
            "direction", "project", "business_no", "kpi", "policy");

    private final BufferSize size = new BufferSize(200);

    public ResultsCsv(Path target) {
        super(target);
        write(Csv.headerWithBom(HEADER));
    }

    @Override
    public ByteArrayOutputStream render(MunicipalityReview review) {
        List<KpiHistory> histories = review.histories();
        CsvBytes rows = new CsvBytes(size.bytes(review.size()));
        // a KPI's cells that are the same in every year: its place and name before the year's cells, and after them
        List<byte[]> kpiCells = new ArrayList<>(histories.size());
        List<byte[]> placeCells = new ArrayList<>(histories.size());
        for (KpiHistory history : histories) {
            Kpi k = history.kpi();
            kpiCells.add(rows.cells(true, k.municipality(), k.id()));
            placeCells.add(rows.cells(false, k.directionText(), k.project(), k.businessNo(), k.name()));
        }
        for (int y = 0; y < review.reviews().size(); y++) {
            Review reviewed = review.reviews().get(y);
            int year = reviewed.year();
            String label = FiscalYear.label(year);
            String japaneseLabel = FiscalYear.japaneseLabel(year);
            byte[] policy = rows.cells(false, reviewed.policy().label());
            boolean flagged = reviewed.terms().hasFlag();
            for (int k = 0; k < histories.size(); k++) {
                Evaluation e = histories.get(k).years().get(y);
                Trend trend = histories.get(k).change(year).orElse(null);
                rows.encoded(kpiCells.get(k)).repeated(label).repeated(e.status().code())
                        .repeated(e.referenceKind() == null ? "" : e.referenceKind().code())
                        .cell(Numbers.reference(e.reference())).cell(Numbers.plain(e.rawScore()))
                        .cell(Numbers.plain(e.score())).repeated(e.band() == null ? "" : e.band().mark())
                        .repeated(e.judged() && flagged ? e.achieved() : "")
                        .repeated(trend == null ? "" : trend.code()).repeated(japaneseLabel)
                        .encoded(placeCells.get(k)).encoded(policy).endRow();
            }
        }
        ByteArrayOutputStream bytes = rows.bytes();
        size.rendered(review.size(), bytes.size());
        return bytes;
    }

    @Override
    public void add(ByteArrayOutputStream part) {
        write(part);
    }
}
