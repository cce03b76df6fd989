package jp.kpireview.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.io.AtomicFiles;
import jp.kpireview.io.Csv;
import org.apache.commons.csv.CSVPrinter;

/** summary.csv: one row per project and year, the band columns named by their marks (×, ●, ○, ◎) and ☆. */
public final class SummaryCsv {

    public static final List<String> FIXED_HEADER = List.of("project", "fiscal_year", "scored_businesses",
            "all_businesses", "scored_kpis", "all_kpis", "average_score");
    public static final String ACHIEVED = "☆";

    private SummaryCsv() {
    }

    public static void write(Path file, List<ProjectSummary> summaries) {
        List<String> header = new ArrayList<>(FIXED_HEADER);
        if (!summaries.isEmpty()) {
            header.addAll(summaries.get(0).bandCounts().keySet());
        }
        header.add(ACHIEVED);
        AtomicFiles.write(file, out -> {
            try (CSVPrinter csv = Csv.printer(out, header)) {
                for (ProjectSummary s : summaries) {
                    List<Object> row = new ArrayList<>(List.of(s.project(), FiscalYear.label(s.year()),
                            s.scoredBusinesses(), s.allBusinesses(), s.scoredKpis(), s.allKpis(),
                            Numbers.plain(s.average())));
                    row.addAll(s.bandCounts().values());
                    row.add(s.achieved());
                    csv.printRecord(row);
                }
            }
        });
    }
}
