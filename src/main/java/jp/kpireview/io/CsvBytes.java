package jp.kpireview.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;

/**
 * Rows of the project's CSV dialect ({@link Csv}) written straight to UTF-8 bytes, for a report of many rows whose
 * cells repeat: a KPI's name and project on each of its years, the year on each of its KPIs. Such cells are encoded
 * once ({@link #cells}) and copied into each row; the others are quoted and neutralised cell by cell as
 * {@link Csv#safe} and Commons CSV's printer do, so a row reads byte for byte as the printer would write it.
 */
public final class CsvBytes {

    private final CSVFormat format = Csv.ownFormat();
    private final String delimiter = format.getDelimiterString();
    private final ByteArrayOutputStream bytes;
    /** The cells of the row since the last encoded part, as text. */
    private final StringBuilder text = new StringBuilder(128);
    /** {@link #text} encoded, when it is ASCII (numbers and delimiters, as a report's cells one by one are). */
    private byte[] ascii = new byte[128];
    /** The cells {@link #repeated} has encoded, by value. */
    private final Map<Object, byte[]> encodedOnce = new HashMap<>();
    private boolean rowStarted;

    /** @param expected the bytes expected, to size the buffer once */
    public CsvBytes(int expected) {
        bytes = new ByteArrayOutputStream(expected);
    }

    /**
     * Cells encoded for reuse in many rows: with the delimiter before each, except before the first cell of a row
     * when {@code startRow}.
     */
    public byte[] cells(boolean startRow, Object... values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            print(values[i], text, startRow && i == 0);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends cells encoded by {@link #cells}; {@code startRow} there must match whether the row is empty here. */
    public CsvBytes encoded(byte[] cells) {
        flushText();
        bytes.writeBytes(cells);
        rowStarted = true;
        return this;
    }

    /**
     * Appends a cell whose value comes from a small set (a status, a band's mark, true or false), encoded the first
     * time it is seen and copied after that. Never the first cell of a row.
     */
    public CsvBytes repeated(Object value) {
        if (!rowStarted) {
            throw new IllegalStateException("a repeated cell cannot start a row");
        }
        byte[] cell = encodedOnce.get(value);
        if (cell == null) {
            cell = cells(false, value);
            encodedOnce.put(value, cell);
        }
        return encoded(cell);
    }

    /** Appends one cell. */
    public CsvBytes cell(Object value) {
        if (value instanceof String plain && (plain.isEmpty() ? rowStarted : KpiTable.isPlainNumber(plain))) {
            // a number (-12.50: no character up to '#' first, no delimiter, quote or line break, no space last), or
            // an empty cell after the first, as the printer writes them: it quotes neither (an empty first cell it
            // does quote, so that one goes to it), and it copies its delimiter anew for every cell
            if (rowStarted) {
                text.append(delimiter);
            }
            text.append(plain);
        } else {
            print(value, text, !rowStarted);
        }
        rowStarted = true;
        return this;
    }

    /** Ends the row. */
    public CsvBytes endRow() {
        text.append(Csv.RECORD_SEPARATOR);
        flushText();
        rowStarted = false;
        return this;
    }

    /** The rows, in the buffer they were written to: for a report that writes them out from there, without a copy. */
    public ByteArrayOutputStream bytes() {
        flushText();
        return bytes;
    }

    private void flushText() {
        int length = text.length();
        if (length == 0) {
            return;
        }
        if (ascii.length < length) {
            ascii = new byte[Math.max(length, 2 * ascii.length)];
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                bytes.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
                text.setLength(0);
                return;
            }
            ascii[i] = (byte) c;
        }
        bytes.write(ascii, 0, length);
        text.setLength(0);
    }

    private void print(Object value, StringBuilder out, boolean startRow) {
        try {
            format.print(Csv.safe(value), out, startRow);
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // a StringBuilder does not throw
        }
    }
}
