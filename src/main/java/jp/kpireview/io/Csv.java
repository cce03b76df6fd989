package jp.kpireview.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The one CSV dialect the project writes: RFC 4180 quoting, a header row, "\n" line ends. */
public final class Csv {

    /** Byte order mark: without it Excel reads UTF-8 CSV as Shift_JIS and garbles Japanese text. */
    private static final char BOM = '\uFEFF';

    private Csv() {
    }

    public static CSVPrinter printer(Appendable out, List<String> header) throws IOException {
        return CSVFormat.DEFAULT.builder()
                .setHeader(header.toArray(String[]::new))
                .setRecordSeparator("\n")
                .get()
                .print(out);
    }

    /** A printer for reports people open in Excel: a BOM, then the header. */
    public static CSVPrinter printerWithBom(Appendable out, List<String> header) {
        try {
            out.append(BOM);
            return printer(out, header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
