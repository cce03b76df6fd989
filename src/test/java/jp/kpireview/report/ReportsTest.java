package jp.kpireview.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.io.KpiCsv;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    @TempDir
    Path dir;

    /** A report whose disk fills up while it is being completed. */
    private static final class FailsToFinish implements ReportWriter<String> {
        @Override
        public String render(MunicipalityReview review) {
            return review.municipality();
        }

        @Override
        public void add(String part) {
        }

        @Override
        public void finish() {
            throw new UncheckedIOException(new IOException("No space left on device"));
        }

        @Override
        public void commit() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void whenOneReportCannotBeCompletedNoneIsReplaced() throws IOException {
        Path results = dir.resolve("results.csv");
        Files.writeString(results, "last year's results");
        var kpis = KpiCsv.read(Path.of("seeds/otaru-h30.csv"));
        MunicipalityReview review = new MunicipalityReview("小樽市", "seed", kpis,
                new ReviewEngine(KpiFixture.rules()).evaluate(kpis, List.of(2018)));
        try (Reports reports = Reports.open(dir, List.of(() -> new ResultsCsv(results), FailsToFinish::new))) {
            reports.add(review);
            assertThrows(UncheckedIOException.class, reports::commit);
        }
        assertEquals("last year's results", Files.readString(results));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(results), files.toList(), "no temporary file is left");
        }
    }
}
