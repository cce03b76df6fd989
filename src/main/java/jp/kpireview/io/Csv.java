package jp.kpireview.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The one CSV dialect the project writes: RFC 4180 quoting, a header row, "\n" line ends. */
public final class Csv {

    /** Byte order mark: without it Excel reads UTF-8 CSV as Shift_JIS and garbles Japanese text. */
    public static final String BOM = "\uFEFF";
    static final String RECORD_SEPARATOR = "\n";
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator(RECORD_SEPARATOR).get();

    private Csv() {
    }

    public static CSVPrinter printer(Appendable out, List<String> header) throws IOException {
        return FORMAT.builder().setHeader(header.toArray(String[]::new)).get().print(out);
    }

    /**
     * The dialect, a copy for one printer or writer: Commons CSV prints each cell in a method synchronized on the
     * format, so renderers sharing one would take turns across the threads that render.
     */
    static CSVFormat ownFormat() {
        return FORMAT.builder().get();
    }

    /** A printer of rows only, e.g. one municipality's part of a report whose header is written once. */
    public static CSVPrinter rows(Appendable out) {
        try {
            return ownFormat().print(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The cells of a row of a report people open in Excel, with text that Excel would take for a formula
     * ({@code =…}, {@code +…}, {@code -…}, {@code @…}, or starting with a tab or carriage return) neutralised by a
     * leading {@code '}, as the usual guidance on CSV injection says. Numbers, negative ones included, stay numbers.
     */
    public static List<Object> safe(List<?> cells) {
        List<Object> safe = new java.util.ArrayList<>(cells.size());
        for (Object cell : cells) {
            safe.add(safe(cell));
        }
        return safe;
    }

    /** One cell as {@link #safe(List)} writes it. */
    static Object safe(Object cell) {
        return cell instanceof String text && risky(text) ? "'" + text : cell;
    }

    private static boolean risky(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '@' || first == '\t' || first == '\r'
                || first == '-' && !KpiTable.isPlainNumber(text);
    }

    /** The BOM and header line of a report people open in Excel. */
    public static String headerWithBom(List<String> header) {
        StringBuilder text = new StringBuilder(BOM);
        try (CSVPrinter csv = rows(text)) {
            csv.printRecord(safe(header));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
