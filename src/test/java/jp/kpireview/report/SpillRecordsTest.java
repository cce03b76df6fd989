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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The spill files of report.xlsx read back on a thread of their own: every record, in order, and no hang. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
public class SpillRecordsTest {

    @TempDir
    Path dir;

    private Path spill(int rows) throws IOException {
        SpillRows spill = new SpillRows();
        for (int i = 0; i < rows; i++) {
            // a comma, a quote and a line break inside cells, as KPI names may have, and an empty and a null cell
            spill.row(java.util.Arrays.asList("K", i, "名前, \"引用\"\n2 行目", "", null));
        }
        Path file = dir.resolve("FY2018");
        Files.write(file, spill.toByteArray());
        return file;
    }

    @Test
    void everyRecordInOrderAcrossBatches() throws IOException {
        Path file = spill(2_501);
        List<SpillRows.Row> read = new ArrayList<>();
        try (SpillRecords records = SpillRecords.read(file)) {
            records.forEach(read::add);
        }
        assertEquals(2_501, read.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(String.valueOf(i), read.get(i).get(1));
            assertEquals("名前, \"引用\"\n2 行目", read.get(i).get(2));
            assertEquals("", read.get(i).get(3));
            assertEquals("", read.get(i).get(4));
            assertEquals(5, read.get(i).size());
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
            Iterator<SpillRows.Row> it = records.iterator();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, it::hasNext);
            assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
            // asked again, it has nothing more rather than waiting for a batch that will not come
            assertFalse(it.hasNext());
        }
    }

    @Test
    void aTornRowIsAnErrorNotAHang() throws IOException {
        byte[] whole = new SpillRows().row(List.of("S", "小樽市", "途中で切れる行")).toByteArray();
        for (int length : new int[] {2, 6, whole.length - 1}) {
            Path torn = dir.resolve("summaries");
            Files.write(torn, java.util.Arrays.copyOf(whole, length));
            try (SpillRecords records = SpillRecords.read(torn)) {
                UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> records.forEach(r -> { }));
                assertTrue(e.getMessage().contains(torn.toString()), e.getMessage());
            }
        }
    }

    @Test
    void aDamagedCountIsAnErrorNotAnAllocation() throws IOException {
        Path damaged = dir.resolve("trends");
        Files.write(damaged, new byte[] {0x7f, -1, -1, -1, 0, 0, 0, 1, 'x'});
        try (SpillRecords records = SpillRecords.read(damaged)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> records.forEach(r -> { }));
            assertTrue(e.getMessage().contains(damaged.toString()) && e.getMessage().contains("cells"),
                    e.getMessage());
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
