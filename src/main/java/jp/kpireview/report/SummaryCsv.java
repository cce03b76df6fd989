package jp.kpireview.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.Review;
import jp.kpireview.io.Csv;
import org.apache.commons.csv.CSVPrinter;

/**
 * summary.csv: one row per municipality, project and year, the band columns named by their marks (×, ●, ○, ◎, as
 * the rules define them) and ☆. UTF-8 with a BOM for Excel.
 */
public final class SummaryCsv extends StreamedReport<SummaryCsv.Part> {

    /** The columns of a project summary before the band columns; summary.csv puts "municipality" first. */
    public static final List<String> FIXED_HEADER = List.of("project", "fiscal_year", "scored_businesses",
            "all_businesses", "scored_kpis", "all_kpis", "average_score");
    public static final String MUNICIPALITY = "municipality";
    public static final String ACHIEVED = "☆";
    /** The grade column, present when the rules grade summaries. */
    public static final String GRADE = "grade";
    /** The policy that produced the summary. */
    public static final String POLICY = "policy";

    /** A municipality's rows, with the band scale that names the band columns. */
    public record Part(List<Band> bands, List<String> grades, byte[] rows) {
    }

    private boolean started;

    public SummaryCsv(Path target) {
        super(target);
    }

    @Override
    public Part render(MunicipalityReview review) {
        StringBuilder text = new StringBuilder();
        try (CSVPrinter csv = Csv.rows(text)) {
            for (Review year : review.reviews()) {
                for (ProjectSummary s : year.summaries()) {
                    List<Object> row = new ArrayList<>(List.of(review.municipality()));
                    row.addAll(cells(s, review.bands()));
                    row.add(year.policy().label());
                    csv.printRecord(Csv.safe(row));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Part(review.bands(), review.grades(), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void add(Part part) {
        if (!started) {
            List<String> header = new ArrayList<>(List.of(MUNICIPALITY));
            header.addAll(header(headings(part.bands())));
            if (!part.grades().isEmpty()) {
                header.add(GRADE);
            }
            header.add(POLICY);
            write(Csv.headerWithBom(header));
            started = true;
        }
        write(part.rows());
    }

    /**
     * The headings of band columns: each band's mark; where two scales of the run share a mark, the mark with its
     * label ({@code ● 0~50}, {@code ● 30~60}), and if that is shared too, with its scale's marks as well.
     */
    public static List<String> headings(List<Band> columns) {
        return columns.stream().map(b -> {
            if (!b.markSharedIn(columns)) {
                return b.mark();
            }
            String labelled = b.mark() + " " + b.label();
            boolean labelShared = columns.stream().anyMatch(c -> !c.equals(b) && (c.mark() + " " + c.label())
                    .equals(labelled));
            return labelShared ? labelled + " [" + scaleName(b, columns) + "]" : labelled;
        }).toList();
    }

    /** A scale named by its marks, lowest first: {@code ×●○◎}. */
    private static String scaleName(Band band, List<Band> columns) {
        return String.join("", columns.stream().filter(c -> c.scale().equals(band.scale())).map(Band::mark).toList());
    }

    /** The summary columns: the fixed ones, one per band mark, ☆. */
    public static List<String> header(List<String> bandMarks) {
        List<String> header = new ArrayList<>(FIXED_HEADER);
        header.addAll(bandMarks);
        header.add(ACHIEVED);
        return header;
    }

    /** The cells of one summary under {@link #header(List)}, and its grade when the rules gave one. */
    public static List<Object> cells(ProjectSummary s) {
        return cells(s, List.of());
    }

    /**
     * The cells of one summary under the band columns {@code columns}: a band its year's policy does not have is
     * left empty (empty {@code columns}: the summary's own bands).
     */
    public static List<Object> cells(ProjectSummary s, List<Band> columns) {
        List<Object> row = new ArrayList<>(List.of(s.project(), FiscalYear.label(s.year()), s.scoredBusinesses(),
                s.allBusinesses(), s.scoredKpis(), s.allKpis(), Numbers.plain(s.average())));
        if (columns.isEmpty()) {
            row.addAll(s.bandCounts().values());
        } else {
            columns.forEach(b -> row.add(s.count(b) == null ? "" : s.count(b)));
        }
        row.add(s.achievedCell());
        if (s.grade() != null) {
            row.add(s.grade());
        }
        return row;
    }
}
