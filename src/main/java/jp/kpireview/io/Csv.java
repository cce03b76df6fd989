package jp.kpireview.io;

import java.io.IOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The one CSV dialect the project writes: RFC 4180 quoting, a header row, "\n" line ends. */
public final class Csv {

    private Csv() {
    }

    public static CSVPrinter printer(Appendable out, List<String> header) throws IOException {
        return CSVFormat.DEFAULT.builder()
                .setHeader(header.toArray(String[]::new))
                .setRecordSeparator("\n")
                .get()
                .print(out);
    }
}
