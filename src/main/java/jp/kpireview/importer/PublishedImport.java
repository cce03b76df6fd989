package jp.kpireview.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.io.KpiCsv;

/** Writes what was read from a published table as the seed files of the regression suite. */
public final class PublishedImport {

    public static final String DATA = "otaru-h30.csv";
    public static final String SCORES = "otaru-h30-published.csv";
    public static final String SUMMARIES = "otaru-h30-published-summaries.csv";
    /** The city whose table the bundled seed is. */
    public static final String OTARU = "小樽市";

    /** What an import read, with the solved annual targets already in its KPIs. */
    public record Imported(PublishedTable table, List<AnnualTargetSolver.Solved> solved) {
    }

    private PublishedImport() {
    }

    /**
     * Reads the published text of {@code municipality} and solves the annual targets the linear path of
     * {@code engine}'s rules misses.
     */
    public static Imported read(Path seedText, String municipality, ReviewEngine engine) {
        PublishedTable table = PublishedTableParser.parse(seedText, engine.tables().directions().getSymbols());
        List<Kpi> kpis = table.kpis().stream().map(k -> k.withMunicipality(municipality)).toList();
        Map.Entry<List<Kpi>, List<AnnualTargetSolver.Solved>> solved =
                AnnualTargetSolver.solve(kpis, table.scores(), engine, table.year());
        return new Imported(new PublishedTable(table.year(), solved.getKey(), table.scores(), table.summaries()),
                solved.getValue());
    }

    public static void write(PublishedTable table, Path folder) {
        KpiCsv.write(folder.resolve(DATA), table.kpis());
        PublishedCsv.writeScores(folder.resolve(SCORES), table.scores());
        PublishedCsv.writeSummaries(folder.resolve(SUMMARIES), table.summaries());
    }
}
