package jp.kpireview.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The KPI data format: UTF-8 CSV with a header row (a BOM is accepted), one row per KPI. Its columns, headed in
 * English or in the Japanese the reports print ({@link DataColumns}):
 * <pre>
 * municipality (自治体)    optional: the city; without it the file's name names the municipality
 * kpi_id (KPI番号, No.), project (プロジェクト), business_no (事業番号, optional), business (事業名), kpi (KPI),
 * unit (単位), direction (方向), baseline_year (基準年度), baseline (基準値), target_year (目標年度), target (目標値)
 * FY2015, H27実績値, …    actuals (empty = no value)
 * annual_target_FY2018, H30年度目標値, … optional: an annual target (年度目標値) the city set for that year
 * note (備考)              optional: free text
 * any other column       the town's own (重み, 再掲, 所管課 …): kept with the KPI for the rules to read
 * </pre>
 * Numbers are plain decimals ({@code 1199}, {@code 75.9}): no separators, no units. Years are written
 * {@code FY2014}, {@code 2014} or {@code H26}. The same columns can come from an Excel sheet ({@link KpiXlsx}).
 */
public final class KpiCsv {

    /** Every heading, blank or written twice, reaches {@link DataColumns}, which says what is wrong in Japanese. */
    public static final CSVFormat READ_FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).setAllowMissingColumnNames(true).setTrim(true).get();

    private KpiCsv() {
    }

    public static List<Kpi> read(Path file) {
        return read(file, null);
    }

    /** @param directions the direction symbols the rules accept, checked with each row's other cells; may be null */
    public static List<Kpi> read(Path file, java.util.Set<String> directions) {
        String text = readUtf8(file);
        SourceLocation headerLine = new SourceLocation(file.toString(), 1);
        try (CSVParser parser = CSVParser.parse(text, READ_FORMAT)) {
            KpiTable table = KpiTable.withHeader(parser.getHeaderNames(), headerLine, KpiTable.stem(file))
                    .knownDirections(directions);
            // each heading's place, looked up once per cell (the record's own lookup by name takes three)
            java.util.Map<String, Integer> place = parser.getHeaderMap();
            for (CSVRecord record : parser) {
                SourceLocation line = headerLine.atLine((int) parser.getCurrentLineNumber());
                table.valuesWithoutHeading(line, record.size(), record::get);
                table.add(new KpiTable.Row(line, column -> {
                    Integer at = place.get(column);
                    // a short row lacks its last cells: empty, as the record's own lookup has it
                    return at != null && at < record.size() ? record.get(at) : "";
                }));
            }
            return table.kpis();
        } catch (UncheckedIOException e) {
            throw syntax(file, e.getCause() == null ? e : e.getCause());
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw syntax(file, e);
        }
    }

    private static final java.util.regex.Pattern START_LINE = java.util.regex.Pattern.compile("startline (\\d+)");

    /**
     * A CSV syntax error, located at the line where the broken record starts, in words a person can act on: of a data
     * sheet, or of any CSV an officer edits with the same format (a scenario file).
     */
    public static DataException syntax(Path file, Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        java.util.regex.Matcher line = START_LINE.matcher(message);
        SourceLocation at = new SourceLocation(file.toString(), line.find() ? Integer.parseInt(line.group(1)) : 1);
        String why = message.contains("EOF reached before encapsulated token finished")
                ? "ここで始まる引用符 (\") つきのセルが閉じていません (\" が足りません): このままではファイルの残りが"
                        + "一つのセルになります"
                : message.contains("invalid char between encapsulated token and delimiter")
                        ? "引用符つきのセルの閉じる \" の後に文字があります (セルの中の \" は \"\" と書きます)"
                        : "CSV として読めません: 引用符 (\") とコンマを確かめてください ("
                                + message.replaceFirst("^\\(line \\d+\\) |^\\(startline \\d+\\) ", "") + ")";
        return new DataException(at, "CSV", why);
    }

    public static void write(Path file, List<Kpi> kpis) {
        SortedSet<Integer> actualYears = new TreeSet<>();
        SortedSet<Integer> planYears = new TreeSet<>();
        java.util.LinkedHashSet<String> own = new java.util.LinkedHashSet<>();
        kpis.forEach(k -> {
            actualYears.addAll(k.actuals().keySet());
            planYears.addAll(k.annualTargets().keySet());
            own.addAll(k.attributes().keySet());
        });
        boolean notes = kpis.stream().anyMatch(k -> !k.note().isEmpty());
        boolean revised = kpis.stream().anyMatch(k -> !k.targetRevisions().isEmpty());
        List<String> header = new ArrayList<>();
        for (DataColumns.Known column : DataColumns.Known.values()) {
            boolean optional = column == DataColumns.Known.NOTE || column == DataColumns.Known.REVISED_TARGET
                    || column == DataColumns.Known.REVISED_FROM;
            if (!optional) {
                header.add(column.key);
            }
        }
        if (revised) {
            header.add(DataColumns.Known.REVISED_TARGET.key);
            header.add(DataColumns.Known.REVISED_FROM.key);
        }
        actualYears.forEach(y -> header.add(FiscalYear.label(y)));
        planYears.forEach(y -> header.add(DataColumns.ANNUAL_TARGET_PREFIX + FiscalYear.label(y)));
        if (notes) {
            header.add(DataColumns.Known.NOTE.key);
        }
        header.addAll(own);
        AtomicFiles.write(file, out -> {
            try (CSVPrinter csv = Csv.printer(out, header)) {
                for (Kpi k : kpis) {
                    List<Object> row = new ArrayList<>(List.of(k.municipality(), k.id(), k.project(), k.businessNo(),
                            k.business(), k.name(), k.unit(), k.directionText(), k.baselineYear() == null ? ""
                            : FiscalYear.label(k.baselineYear()), k.baseline() == null ? "" : k.baseline().toPlainString(),
                            FiscalYear.label(k.targetYear()), k.finalTarget().toPlainString()));
                    if (revised) {
                        // one revision a KPI, as the data format reads it
                        var revision = k.targetRevisions().isEmpty() ? null : k.targetRevisions().firstEntry();
                        row.add(revision == null ? "" : revision.getValue().toPlainString());
                        row.add(revision == null ? "" : FiscalYear.label(revision.getKey()));
                    }
                    actualYears.forEach(y -> row.add(plain(k.actuals().get(y))));
                    planYears.forEach(y -> row.add(plain(k.annualTargets().get(y))));
                    if (notes) {
                        row.add(k.note());
                    }
                    own.forEach(heading -> row.add(k.attributes().getOrDefault(heading, "")));
                    csv.printRecord(row);
                }
            }
        });
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String readUtf8(Path file) {
        try {
            return TextFiles.readUtf8(file);
        } catch (CharacterCodingException e) {
            throw new DataException(new SourceLocation(file.toString(), 1), "encoding",
                    "UTF-8 のファイルではありません: Excel では「CSV UTF-8 (コンマ区切り)」で保存してください"
                            + " (the file is not UTF-8)");
        }
    }
}
