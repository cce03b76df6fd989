package jp.kpireview.report;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The rows report.xlsx spills to disk while municipalities arrive and reads back when it writes the workbook: each
 * row its number of cells, then each cell as UTF-8 text after its length in bytes. A private format of the run (the
 * files are deleted with the workbook written); it replaced CSV, whose quoting on the review threads and parsing
 * afterwards cost about three seconds of CPU in a nationwide run (docs/scale-and-speed.md).
 */
final class SpillRows {

    /** Far more cells than any row has (a year row has about 25): a damaged count is an error, not an allocation. */
    private static final int MAX_CELLS = 1 << 16;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8_192);
    private final DataOutputStream out = new DataOutputStream(bytes);

    /** One row; a null cell is written empty. */
    SpillRows row(List<?> cells) {
        try {
            out.writeInt(cells.size());
            for (Object cell : cells) {
                byte[] text = cell == null ? new byte[0] : cell.toString().getBytes(StandardCharsets.UTF_8);
                out.writeInt(text.length);
                out.write(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return this;
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    /** A row read back: its cells as text. */
    record Row(String[] cells) {
        String get(int i) {
            return cells[i];
        }

        int size() {
            return cells.length;
        }
    }

    /**
     * The next row of {@code in}, or null at the end of the file; a file that ends inside a row (torn) is an
     * {@link EOFException}.
     */
    static Row read(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int count = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        if (count < 0 || count > MAX_CELLS) {
            throw new IOException("not a spill row: " + count + " cells");
        }
        String[] cells = new String[count];
        for (int i = 0; i < count; i++) {
            int length = in.readInt();
            if (length < 0) {
                throw new IOException("not a spill cell: " + length + " bytes");
            }
            // readNBytes grows its buffer as bytes come, so a damaged length cannot claim a huge array at once
            byte[] text = in.readNBytes(length);
            if (text.length < length) {
                throw new EOFException("the spill ends inside a row");
            }
            cells[i] = new String(text, StandardCharsets.UTF_8);
        }
        return new Row(cells);
    }
}
