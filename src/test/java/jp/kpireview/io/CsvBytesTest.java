package jp.kpireview.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

/** CsvBytes writes, byte for byte, what Commons CSV's printer writes for the same cells made safe. */
class CsvBytesTest {

    /** Cells that need quoting, neutralising, or neither; an empty first cell is quoted by the printer. */
    private static final List<List<Object>> ROWS = List.of(
            Arrays.asList("", "a,b", "say \"hi\"", "two\nlines", "=SUM(A1)", "-6.06", "-x", new BigDecimal("-0.50")),
            Arrays.asList("市町村", "(4) あんしん絆再生プロジェクト", "×", true, false, "", "@at", " padded "),
            Arrays.asList("#comment", "'quoted'", "\ttab", "trail ", 12, "↗", "FY2015", "H27"),
            // numbers as the reports print them, and text that only looks like one
            Arrays.asList("-12.50", "3", "0.00", "", "-", "1.", ".5", "-.5", "1.2.3", "１２", "12e3", "-0"),
            Arrays.asList("7", "", "", "100.00", "-100.00", "", "1 ", " 1", "12", "－1", "x", ""));

    @Test
    void rowsAreWhatThePrinterWrites() throws IOException {
        StringBuilder printed = new StringBuilder();
        try (CSVPrinter printer = Csv.rows(printed)) {
            for (List<Object> row : ROWS) {
                printer.printRecord(Csv.safe(row));
            }
        }
        CsvBytes rows = new CsvBytes(0);
        for (List<Object> row : ROWS) {
            // the first two cells encoded once for many rows, the next two as repeated cells, the rest one by one
            rows.encoded(rows.cells(true, row.get(0), row.get(1))).repeated(row.get(2)).repeated(row.get(3));
            row.subList(4, row.size()).forEach(rows::cell);
            rows.endRow();
        }
        assertEquals(printed.toString(), rows.bytes().toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRowOfCellsOneByOneIsThePrintersToo() throws IOException {
        StringBuilder printed = new StringBuilder();
        try (CSVPrinter printer = Csv.rows(printed)) {
            printer.printRecord(Csv.safe(ROWS.get(0)));
        }
        CsvBytes rows = new CsvBytes(0);
        ROWS.get(0).forEach(rows::cell);
        assertEquals(printed.toString(), rows.endRow().bytes().toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRepeatedCellCannotStartARow() {
        assertThrows(IllegalStateException.class, () -> new CsvBytes(0).repeated("scored"));
    }
}
