package jp.kpireview.importer;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.io.AtomicFiles;
import jp.kpireview.io.Csv;
import jp.kpireview.io.FileFailure;
import jp.kpireview.report.SummaryCsv;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The published scores and summaries as CSV, so a regression check can read them:
 * {@code kpi_id,fiscal_year,raw_score,score,band,achieved} (empty cells for an unscored row), and the summaries in
 * the same columns as our summary.csv.
 */
public final class PublishedCsv {

    public static final List<String> SCORE_HEADER = List.of("kpi_id", "fiscal_year", "raw_score", "score", "band",
            "achieved");
    private static final CSVFormat READ_FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setTrim(true).get();

    private PublishedCsv() {
    }

    public static void writeScores(Path file, List<PublishedScore> scores) {
        AtomicFiles.write(file, out -> {
            try (CSVPrinter csv = Csv.printer(out, SCORE_HEADER)) {
                for (PublishedScore s : scores) {
                    boolean scored = s.score() != null;
                    csv.printRecord(s.kpiId(), FiscalYear.label(s.year()), scored ? s.rawScore().toPlainString() : "",
                            scored ? s.score().toPlainString() : "", scored ? s.band() : "", scored ? s.achieved() : "");
                }
            }
        });
    }

    public static void writeSummaries(Path file, List<PublishedSummary> summaries) {
        List<String> marks = summaries.isEmpty() ? List.of() : List.copyOf(summaries.get(0).bandCounts().keySet());
        AtomicFiles.write(file, out -> {
            try (CSVPrinter csv = Csv.printer(out, SummaryCsv.header(marks))) {
                for (PublishedSummary s : summaries) {
                    csv.printRecord(SummaryCsv.cells(new ProjectSummary(s.project(), s.year(), s.scoredBusinesses(),
                            s.allBusinesses(), s.scoredKpis(), s.allKpis(), s.average(), s.bandCounts(),
                            s.achieved(), null, PublishedTable.TERMS, List.of())));
                }
            }
        });
    }

    public static List<PublishedScore> readScores(Path file) {
        return read(file, cells -> {
            BigDecimal score = cells.number("score");
            return new PublishedScore(cells.text("kpi_id"), cells.year("fiscal_year"), cells.number("raw_score"),
                    score, score == null ? null : cells.text("band"), "true".equals(cells.text("achieved")),
                    cells.source());
        });
    }

    public static List<PublishedSummary> readSummaries(Path file) {
        return read(file, cells -> {
            Map<String, Integer> bands = new LinkedHashMap<>();
            cells.record().getParser().getHeaderNames().stream()
                    .filter(name -> !SummaryCsv.FIXED_HEADER.contains(name) && !name.equals(SummaryCsv.ACHIEVED)
                            && !name.equals(SummaryCsv.MUNICIPALITY))
                    .forEach(mark -> bands.put(mark, cells.count(mark)));
            return new PublishedSummary(cells.text("project"), cells.year("fiscal_year"),
                    cells.count("scored_businesses"), cells.count("all_businesses"), cells.count("scored_kpis"),
                    cells.count("all_kpis"), cells.number("average_score"), bands, cells.count(SummaryCsv.ACHIEVED),
                    cells.source());
        });
    }

    /** The cells of one record; a cell that does not parse stops the read with file, line and column. */
    private record Cells(CSVRecord record, SourceLocation source) {

        String text(String column) {
            if (!record.isMapped(column)) {
                throw new DataException(new SourceLocation(source.file(), 1), column, "missing column");
            }
            return record.get(column);
        }

        BigDecimal number(String column) {
            return parse(column, text -> text.isEmpty() ? null : new BigDecimal(text));
        }

        int count(String column) {
            return parse(column, Integer::parseInt);
        }

        int year(String column) {
            return parse(column, FiscalYear::parse);
        }

        private <T> T parse(String column, Function<String, T> parser) {
            String text = text(column);
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new DataException(source, column, "'" + text + "' is not valid here");
            }
        }
    }

    private static <T> List<T> read(Path file, Function<Cells, T> row) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, READ_FORMAT)) {
            List<T> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                rows.add(row.apply(new Cells(record,
                        new SourceLocation(file.toString(), (int) parser.getCurrentLineNumber()))));
            }
            return rows;
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.READ, file, e);
        }
    }
}
