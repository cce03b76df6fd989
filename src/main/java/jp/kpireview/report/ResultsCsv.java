package jp.kpireview.report;

import java.nio.file.Path;
import java.util.List;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.io.AtomicFiles;
import jp.kpireview.io.Csv;
import org.apache.commons.csv.CSVPrinter;

/** results.csv: one row per KPI and year with everything the rules concluded. */
public final class ResultsCsv {

    public static final List<String> HEADER = List.of("kpi_id", "fiscal_year", "status", "reference_kind",
            "reference", "raw_score", "score", "band", "achieved", "fiscal_year_jp", "direction", "project",
            "business_no", "kpi");

    private ResultsCsv() {
    }

    public static void write(Path file, List<Evaluation> evaluations) {
        AtomicFiles.write(file, out -> {
            try (CSVPrinter csv = Csv.printer(out, HEADER)) {
                for (Evaluation e : evaluations) {
                    csv.printRecord(e.kpi().id(), FiscalYear.label(e.year()), e.status().code(),
                            e.referenceKind() == null ? "" : e.referenceKind().code(), Numbers.reference(e.reference()),
                            Numbers.plain(e.rawScore()), Numbers.plain(e.score()),
                            e.band() == null ? "" : e.band().mark(), e.scored() ? e.achieved() : "",
                            FiscalYear.japaneseLabel(e.year()), e.kpi().directionText(), e.kpi().project(),
                            e.kpi().businessNo(), e.kpi().name());
                }
            }
        });
    }
}
