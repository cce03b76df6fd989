package jp.kpireview.importer;

import java.nio.file.Path;
import jp.kpireview.io.KpiCsv;

/** Writes what was read from a published table as the seed files of the regression suite. */
public final class PublishedImport {

    public static final String DATA = "otaru-h30.csv";
    public static final String SCORES = "otaru-h30-published.csv";
    public static final String SUMMARIES = "otaru-h30-published-summaries.csv";

    private PublishedImport() {
    }

    public static void write(PublishedTable table, Path folder) {
        KpiCsv.write(folder.resolve(DATA), table.kpis());
        PublishedCsv.writeScores(folder.resolve(SCORES), table.scores());
        PublishedCsv.writeSummaries(folder.resolve(SUMMARIES), table.summaries());
    }
}
