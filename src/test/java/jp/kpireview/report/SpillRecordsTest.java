package jp.kpireview.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.kpireview.io.Csv;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The spill files of report.xlsx read back on a thread of their own: every record, in order, and no hang. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
public class SpillRecordsTest {

    @TempDir
    Path dir;

    private Path spill(int rows) throws IOException {
        StringBuilder text = new StringBuilder();
        try (CSVPrinter csv = Csv.rows(text)) {
            for (int i = 0; i < rows; i++) {
                // a comma, a quote and a line break inside cells, as KPI names may have
                csv.printRecord("K", i, "名前, \"引用\"\n2 行目", "");
            }
        }
        Path file = dir.resolve("FY2018");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void everyRecordInOrderAcrossBatches() throws IOException {
        Path file = spill(2_501);
        List<CSVRecord> read = new ArrayList<>();
        try (SpillRecords records = SpillRecords.read(file)) {
            records.forEach(read::add);
        }
        assertEquals(2_501, read.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(String.valueOf(i), read.get(i).get(1));
            assertEquals("名前, \"引用\"\n2 行目", read.get(i).get(2));
            assertEquals("", read.get(i).get(3));
        }
    }

    @Test
    void anEmptySpillHasNoRecords() throws IOException {
        try (SpillRecords records = SpillRecords.read(spill(0))) {
            assertFalse(records.iterator().hasNext());
        }
    }

    @Test
    void aSpillThatCannotBeReadIsAnErrorNamingItNotAHang() {
        Path missing = dir.resolve("trends");
        try (SpillRecords records = SpillRecords.read(missing)) {
            Iterator<CSVRecord> it = records.iterator();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, it::hasNext);
            assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
            // asked again, it has nothing more rather than waiting for a batch that will not come
            assertFalse(it.hasNext());
        }
    }

    @Test
    void aTornRecordIsAnErrorNotAHang() throws IOException {
        Path torn = dir.resolve("summaries");
        Files.writeString(torn, "S,小樽市,\"閉じない引用\n");
        try (SpillRecords records = SpillRecords.read(torn)) {
            assertThrows(UncheckedIOException.class, () -> records.forEach(r -> { }));
        }
    }

    @Test
    void closingBeforeTheEndStopsTheParsingThread() throws IOException {
        Path file = spill(50_000);
        try (SpillRecords records = SpillRecords.read(file)) {
            assertEquals("0", records.iterator().next().get(1));
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("report.xlsx FY2018")), "the parsing thread still runs");
    }
}
