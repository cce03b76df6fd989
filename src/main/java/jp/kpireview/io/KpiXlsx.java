package jp.kpireview.io;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * The KPI data format as an Excel workbook (.xlsx), since city offices keep their KPI sheets in Excel: the first
 * sheet holds the same columns as the CSV ({@link KpiCsv}), its header in one of the first rows (titles above it are
 * passed over); a KPI table on another sheet too is refused, since it would not be read. Problems are located as
 * {@code file:sheet/row: column: what is wrong}.
 */
public final class KpiXlsx {

    /** Excel keeps 15 significant digits; a stored double such as 0.30000000000000004 means 0.3. */
    private static final MathContext EXCEL_DIGITS = new MathContext(15);
    /** How many rows above the header (titles, notes) a sheet may have. */
    private static final int HEADER_SEARCH = 10;

    private KpiXlsx() {
    }

    public static List<Kpi> read(Path file) {
        return read(file, null);
    }

    /** @param directions the direction symbols the rules accept, checked with each row's other cells; may be null */
    public static List<Kpi> read(Path file, java.util.Set<String> directions) {
        try (ReadableWorkbook workbook = open(file)) {
            Sheet sheet = workbook.getFirstSheet();
            SourceLocation headerLine = new SourceLocation(file.toString(), sheet.getName(), 1);
            try (Stream<Row> rows = sheet.openStream()) {
                Iterator<Row> row = rows.iterator();
                if (!row.hasNext()) {
                    throw new DataException(headerLine, "header", "シートが空です (the sheet is empty)");
                }
                // a title or a note above the table is common in city sheets: the header is the first row naming
                // known columns (kpi_id, 事業名, 基準値 …)
                Row first = row.next();
                List<String> names = texts(first);
                int skipped = 0;
                while (!DataColumns.isHeader(names) && row.hasNext() && skipped < HEADER_SEARCH) {
                    first = row.next();
                    names = texts(first);
                    skipped++;
                }
                if (!DataColumns.isHeader(names)) {
                    throw new DataException(headerLine, "header", "見出しの行がありません: 列の見出し (KPI番号 か kpi_id、"
                            + "事業名、…、基準値、目標値、FY2015 か H27実績値 …) は、最初のシートの "
                            + (HEADER_SEARCH + 1) + " 行目までに書きます (no header row)");
                }
                refuseOtherTables(workbook, sheet, file);
                headerLine = new SourceLocation(file.toString(), sheet.getName(), first.getRowNum());
                Map<String, Integer> columns = new HashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    columns.putIfAbsent(names.get(i), i);
                }
                KpiTable table = KpiTable.withHeader(names, headerLine, KpiTable.stem(file)).knownDirections(directions);
                while (row.hasNext()) {
                    Row r = row.next();
                    List<String> cells = texts(r);
                    if (cells.stream().allMatch(String::isEmpty)) {
                        continue;
                    }
                    SourceLocation at = headerLine.atLine(r.getRowNum());
                    table.valuesWithoutHeading(at, cells.size(), cells::get);
                    table.add(new KpiTable.Row(at, column -> {
                        Integer index = columns.get(column);
                        return index == null || index >= cells.size() ? "" : cells.get(index);
                    }));
                }
                return table.kpis();
            }
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataException(new SourceLocation(file.toString(), 1), "file",
                    "ブックを読めません (" + plainMessage(e) + "): Excel の .xlsx で保存し直してください");
        }
    }

    /**
     * The first sheet's cells as text, as the CSV would hold them, by spreadsheet row (an empty row stays an empty
     * list, so row {@code i} of the result is the sheet's row {@code i + 1}); a sheet of more than {@code maxRows}
     * rows is refused.
     */
    public static List<List<String>> cells(Path file, int maxRows) {
        try (ReadableWorkbook workbook = open(file); Stream<Row> rows = workbook.getFirstSheet().openStream()) {
            List<List<String>> cells = new ArrayList<>();
            for (Iterator<Row> row = rows.iterator(); row.hasNext(); ) {
                Row r = row.next();
                if (r.getRowNum() > maxRows) {
                    throw tooLarge(file, maxRows + " 行を超えています");
                }
                while (cells.size() < r.getRowNum() - 1) {
                    cells.add(List.of());
                }
                cells.add(texts(r));
            }
            return cells;
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataException(new SourceLocation(file.toString(), 1), "file",
                    "ブックを読めません (" + plainMessage(e) + "): Excel の .xlsx で保存し直してください");
        }
    }

    /**
     * Only the first sheet is read: another sheet holding a KPI table too (last year's copy, one sheet per project)
     * would be left out without a word, or the first taken for the one meant. So such a workbook is refused, naming
     * the sheets; a sheet of notes or a chart beside the table is no KPI table and stays.
     */
    private static void refuseOtherTables(ReadableWorkbook workbook, Sheet first, Path file) throws IOException {
        List<String> others = new ArrayList<>();
        for (Sheet other : workbook.getSheets().toList()) {
            if (other.getIndex() == first.getIndex()) {
                continue;
            }
            try (Stream<Row> rows = other.openStream()) {
                if (rows.limit(HEADER_SEARCH + 1).anyMatch(r -> DataColumns.isHeader(texts(r)))) {
                    others.add("「" + other.getName() + "」");
                }
            }
        }
        if (!others.isEmpty()) {
            throw new DataException(new SourceLocation(file.toString(), first.getName(), 1), "sheet", "KPI の表が"
                    + "ほかのシートにもあります (" + String.join("", others) + "): 読むのは最初のシート「" + first.getName()
                    + "」だけです。評価する表を最初のシートに置き、ほかの表は別のブックに移してください (only the first"
                    + " sheet is read)");
        }
    }

    /** A reader's message without the names of the library's classes, which say nothing to the person who sent it. */
    private static String plainMessage(Exception e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                .replaceAll("(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*", "").strip();
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        return message.isEmpty() ? "ファイルが壊れています" : message;
    }

    private static ReadableWorkbook open(Path file) {
        boolean styled = checkExpansion(file);
        try {
            // with cell formats, so a percent-formatted 0.759 reads as the 75.9 Excel shows; a workbook written by
            // a program may have no styles at all, and then there is no format to read. Opened once, the right way:
            // a reader that fails in its constructor keeps its file open until a GC
            return styled ? new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false))
                    : new ReadableWorkbook(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataException(new SourceLocation(file.toString(), 1), "file",
                    "Excel の .xlsx のブックではありません: .xlsx か「CSV UTF-8」で保存してください (not an Excel .xlsx workbook)");
        }
    }

    /**
     * A workbook is a zip of XML parts: before it is parsed, every part is inflated once (and thrown away) to count
     * what it really expands to, so a zip bomb is refused early, whatever sizes its directory claims.
     *
     * @return whether the workbook has a styles part (cell formats to read)
     */
    private static boolean checkExpansion(Path file) {
        long total = 0;
        boolean styled = false;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (++entries > InputLimits.MAX_WORKBOOK_ENTRIES) {
                    throw tooLarge(file, "部品が " + InputLimits.MAX_WORKBOOK_ENTRIES + " を超えています");
                }
                styled |= entry.getName().equals("xl/styles.xml");
                boolean cells = holdsCells(entry.getName());
                long run = 0;
                try (InputStream part = zip.getInputStream(entry)) {
                    for (int n = part.read(buffer); n > 0; n = part.read(buffer)) {
                        total += n;
                        if (total > InputLimits.MAX_WORKBOOK_EXPANDED_BYTES) {
                            throw tooLarge(file, "展開すると "
                                    + (InputLimits.MAX_WORKBOOK_EXPANDED_BYTES >> 20) + " MB を超えます");
                        }
                        if (cells) {
                            // a text node cannot hold a raw '<': the longest run without one bounds every cell and
                            // shared string, before the reader holds one whole in memory
                            for (int i = 0; i < n; i++) {
                                run = buffer[i] == '<' ? 0 : run + 1;
                                if (run > MAX_TEXT_BYTES) {
                                    throw new DataException(new SourceLocation(file.toString(), 1), "file",
                                            "ブックのセルに " + InputLimits.MAX_CELL_CHARS
                                                    + " 文字を超える文字があります (部品 " + entry.getName() + " に "
                                                    + (MAX_TEXT_BYTES >> 10) + " KB を超える文字): KPI のシートのセルは"
                                                    + "短いものです");
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new DataException(new SourceLocation(file.toString(), 1), "file",
                    "Excel の .xlsx のブックではありません: .xlsx か「CSV UTF-8」で保存してください (not an Excel .xlsx workbook)");
        }
        return styled;
    }

    /**
     * The longest text a cell's XML may hold before the workbook is refused: room for {@link
     * InputLimits#MAX_CELL_CHARS} characters of three bytes each, every one escaped ({@code &amp;amp;}), and more;
     * the cell limit itself is checked, located, when the rows are read.
     */
    private static final int MAX_TEXT_BYTES = 64 * 1024;

    /** The parts that hold cell text: the shared strings and the sheets (inline strings). */
    private static boolean holdsCells(String part) {
        return part.equals("xl/sharedStrings.xml") || part.startsWith("xl/worksheets/") && part.endsWith(".xml");
    }

    private static DataException tooLarge(Path file, String why) {
        return new DataException(new SourceLocation(file.toString(), 1), "file", "このブックは受けられません: " + why
                + " (KPI のシートはずっと小さいものです。シートだけを保存するか、「CSV UTF-8」で保存してください)");
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>(row.getCellCount());
        for (int i = 0; i < row.getCellCount(); i++) {
            Cell cell = row.getCell(i);
            texts.add(cell == null ? "" : text(cell));
        }
        return texts;
    }

    /** A cell as the CSV would hold it: numbers in plain decimals, formulas by their cached value. */
    public static String text(Cell cell) {
        String raw = cell.getRawValue();
        if (raw == null) {
            return "";
        }
        return switch (cell.getType()) {
            case NUMBER -> percent(cell) ? plain(new BigDecimal(raw.strip()).movePointRight(2).toString()) : plain(raw);
            case FORMULA -> isNumber(raw) ? plain(raw) : raw.strip();
            case BOOLEAN -> "1".equals(raw) ? "TRUE" : "FALSE";
            default -> cell.getText() == null ? raw.strip() : cell.getText().strip();
        };
    }

    /** A number shown as a percentage (format such as {@code 0.0%}): Excel stores 0.759 and shows 75.9 %. */
    private static boolean percent(Cell cell) {
        String format = cell.getDataFormatString();
        return format != null && format.replaceAll("\"[^\"]*\"|\\\\.", "").contains("%");
    }

    private static boolean isNumber(String raw) {
        try {
            new BigDecimal(raw.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String plain(String raw) {
        String text = raw.strip();
        if (text.length() > 64) {
            return text;  // left as written: the table refuses it, located, for its digits
        }
        BigDecimal exact = new BigDecimal(text);
        if (Math.abs(exact.precision() - exact.scale() - 1) > InputLimits.MAX_EXPONENT) {
            return text;  // 1E99999999: written out it would be a hundred million digits; refused as written
        }
        BigDecimal value = exact.round(EXCEL_DIGITS).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
    }
}
