package jp.kpireview.io;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import jp.kpireview.domain.DataProblem;
import jp.kpireview.domain.ProblemList;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.io.DataColumns.Known;

/**
 * The columns of the KPI data format, read the same way from a CSV file and from an Excel sheet. Each reader hands
 * over the header and then one row at a time; every problem is recorded with its place and column, and all of them
 * are reported together at the end.
 */
public final class KpiTable {

    /** 1e400: refused with its own message (compiled once: a nationwide run reads some 3 million numbers). */
    private static final Pattern EXPONENT_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?[eE][-+]?\\d+");
    /** The most year texts a table keeps parsed (see {@link #year}). */
    private static final int YEARS_KEPT = 64;

    /**
     * What a project's summary row of report.xlsx holds under No. (KPI番号): such a row is the report's, not a KPI,
     * so a year sheet of the report, cut out alone, reads back as data.
     */
    public static final String SUMMARY_ROW = "集計";

    /** One data row: where it is and its cells by heading as the sheet writes it (trimmed, "" when empty or absent). */
    public record Row(SourceLocation source, UnaryOperator<String> cells) {
    }

    private final DataColumns.Header header;
    private final String defaultMunicipality;
    private final SourceLocation headerLine;
    private final List<Kpi> kpis = new ArrayList<>();
    private final ProblemList problems = new ProblemList();
    /** The direction symbols the rules accept, when the reader knows them; null: left to the rules alone. */
    private java.util.Set<String> directions;
    private final Map<String, SourceLocation> seenIds = new HashMap<>();
    /** The year cells read so far: a sheet writes the same few years on every row (FY2014, 平成26年度 …). */
    private final Map<String, Integer> years = new HashMap<>();

    /** Which columns have a heading, by place (see {@link #valuesWithoutHeading}). */
    private final boolean[] headed;

    private KpiTable(DataColumns.Header header, boolean[] headed, String defaultMunicipality,
            SourceLocation headerLine) {
        this.header = header;
        this.headed = headed;
        this.defaultMunicipality = defaultMunicipality;
        this.headerLine = headerLine;
    }

    /**
     * Checks the header once: which heading names which column ({@link DataColumns}), in English or Japanese.
     *
     * @param defaultMunicipality the name used when there is no municipality (自治体) column (the file's name)
     */
    static KpiTable withHeader(List<String> names, SourceLocation headerLine, String defaultMunicipality) {
        return withHeader(names, headerLine, defaultMunicipality, List.of());
    }

    /** The same, for a file that also holds columns of its own ({@code reserved}, read by the caller). */
    public static KpiTable withHeader(List<String> names, SourceLocation headerLine, String defaultMunicipality,
            List<String> reserved) {
        return new KpiTable(DataColumns.read(names, headerLine, reserved), DataColumns.headed(names),
                defaultMunicipality, headerLine);
    }

    /** Checks each row's direction against the rules' symbol table while reading. */
    public KpiTable knownDirections(java.util.Set<String> symbols) {
        this.directions = symbols;
        return this;
    }

    /**
     * Checks a row's cells by place, {@code count} of them: a column without a heading, or past the last one, is read
     * as nothing, so a value in it is an error at its row and column rather than data left out without a word.
     */
    public void valuesWithoutHeading(SourceLocation at, int count, IntFunction<String> cell) {
        for (int c = 0; c < count; c++) {
            if (c >= headed.length || !headed[c]) {
                String value = cell.apply(c);
                if (!value.isEmpty()) {
                    problems.add(new DataProblem(at, DataColumns.letter(c) + "列", DataColumns.valueWithoutHeading(
                            value)));
                }
            }
        }
    }

    public void add(Row row) {
        Cells cells = new Cells(row, header, problems);
        if (cells.peek(Known.KPI_ID).equals(SUMMARY_ROW)) {
            return;
        }
        Kpi kpi = toKpi(cells);
        if (kpi == null) {
            return;
        }
        SourceLocation earlier = seenIds.putIfAbsent(kpi.municipality() + "\u0000" + kpi.id(), kpi.source());
        if (earlier != null) {
            problems.add(new DataProblem(kpi.source(), header.heading(Known.KPI_ID), "番号 '" + kpi.id() + "' が"
                    + (kpi.municipality().equals(defaultMunicipality) ? "" : " " + kpi.municipality() + " で")
                    + "二度使われています (最初は " + earlier.line() + " 行目)"));
        }
        kpis.add(kpi);
    }

    /** The KPIs read, or every problem found in the rows. */
    public List<Kpi> kpis() {
        if (kpis.isEmpty() && problems.isEmpty()) {
            problems.add(new DataProblem(headerLine, "data", "KPI の行がありません (no KPI rows)"));
        }
        problems.throwIfAny();
        return kpis;
    }

    /** The KPI of one row, or null after recording what is wrong with it. */
    private Kpi toKpi(Cells row) {
        int before = problems.size();
        String id = row.text(Known.KPI_ID, true);
        // a target as towns print it, 80%以上 or 30件以下: its bound gives the direction when the symbol is missing
        String targetText = row.peek(Known.TARGET);
        String bound = targetText.endsWith("以上") ? "以上" : targetText.endsWith("以下") ? "以下" : "";
        // a KPI with neither is left to the rules: the policy may give it a direction, or says it has none
        String direction = row.text(Known.DIRECTION, false);
        if (direction.isEmpty()) {
            direction = bound;
        }
        if (directions != null && !direction.isEmpty() && !directions.contains(direction)) {
            // the rules' own table, checked here too so that it is reported with the row's other problems
            row.problem(Known.DIRECTION, "方向の記号 '" + direction + "' は方針の表にありません: "
                    + String.join(" ", directions) + " のどれかを書きます (unknown direction '" + direction + "')");
        }
        // a town that publishes no baseline leaves both cells empty; one without the other is a slip
        boolean noBaseline = row.peek(Known.BASELINE).isEmpty();
        boolean noBaselineYear = row.peek(Known.BASELINE_YEAR).isEmpty();
        Integer baselineYear = row.value(Known.BASELINE_YEAR, this::year, !noBaseline);
        BigDecimal baseline = row.value(Known.BASELINE, KpiTable::number, !noBaselineYear);
        Integer targetYear = row.value(Known.TARGET_YEAR, this::year, true);
        String unit = row.peek(Known.UNIT);
        BigDecimal target = row.value(Known.TARGET, text -> number(withoutUnit(text, bound, unit)), true);
        NavigableMap<Integer, BigDecimal> actuals = row.yearValues(header.actuals());
        NavigableMap<Integer, BigDecimal> annualTargets = row.yearValues(header.annualTargets());
        if (baselineYear != null && targetYear != null && targetYear <= baselineYear) {
            row.problem(Known.TARGET_YEAR, "目標年度 " + FiscalYear.label(targetYear) + " が基準年度 "
                    + FiscalYear.label(baselineYear) + " より後ではありません (the target year is not after the baseline"
                    + " year)");
        }
        NavigableMap<Integer, BigDecimal> revisions = revision(row, bound, unit, baselineYear, targetYear);
        Map<String, String> own = new LinkedHashMap<>();
        header.own().forEach(heading -> own.put(heading, row.text(heading, false)));
        if (problems.size() > before) {
            return null;
        }
        String municipality = row.text(Known.MUNICIPALITY, false);
        return new Kpi(municipality.isEmpty() ? defaultMunicipality : municipality, id, row.text(Known.PROJECT, false),
                row.text(Known.BUSINESS_NO, false), row.text(Known.BUSINESS, false), row.text(Known.KPI, false),
                row.text(Known.UNIT, false), direction, baselineYear, baseline, targetYear, target, actuals,
                annualTargets, row.text(Known.NOTE, false), row.row.source(), bound, revisions, own);
    }

    /**
     * A target revised mid-plan (改定目標値 and the year it is in force from, 改定年度): both cells or neither, the
     * year after the baseline's and not after the target year.
     */
    private static NavigableMap<Integer, BigDecimal> revision(Cells row, String bound, String unit,
            Integer baselineYear, Integer targetYear) {
        NavigableMap<Integer, BigDecimal> revisions = new TreeMap<>();
        boolean hasTarget = !row.peek(Known.REVISED_TARGET).isEmpty();
        boolean hasYear = !row.peek(Known.REVISED_FROM).isEmpty();
        BigDecimal revised = row.value(Known.REVISED_TARGET, text -> number(withoutUnit(text, bound, unit)), hasYear);
        Integer from = row.value(Known.REVISED_FROM, FiscalYear::parse, hasTarget);
        if (revised == null || from == null) {
            return revisions;
        }
        if (baselineYear != null && from <= baselineYear || targetYear != null && from > targetYear) {
            row.problem(Known.REVISED_FROM, "改定年度 " + FiscalYear.label(from) + " が計画の期間 ("
                    + (baselineYear == null ? "" : "基準年度 " + FiscalYear.label(baselineYear) + " より後、")
                    + "目標年度" + (targetYear == null ? "" : " " + FiscalYear.label(targetYear)) + " まで) にありません"
                    + " (the revised target is in force from " + FiscalYear.label(from) + ", which is not within"
                    + " the plan)");
            return revisions;
        }
        revisions.put(from, revised);
        return revisions;
    }

    /**
     * Typed access to a row's cells by column; every reader records located problems, naming the column by its
     * heading as the sheet writes it, instead of stopping at the first.
     */
    private record Cells(Row row, DataColumns.Header header, ProblemList problems) {

        /** The cell's text, stripped, without recording anything (for a check that reads it before its turn). */
        String peek(Known column) {
            if (!header.known().containsKey(column)) {
                return "";
            }
            String value = row.cells().apply(header.heading(column));
            return value == null ? "" : value.strip();
        }

        String text(Known column, boolean required) {
            if (!header.known().containsKey(column)) {
                return "";
            }
            return text(header.heading(column), required);
        }

        String text(String heading, boolean required) {
            String value = row.cells().apply(heading);
            value = value == null ? "" : value.strip();
            if (value.length() > InputLimits.MAX_CELL_CHARS) {
                problem(heading, String.format("セルの文字が多すぎます (%,d 文字、%,d 文字まで)", value.length(),
                        InputLimits.MAX_CELL_CHARS));
                return "";
            }
            if (required && value.isEmpty()) {
                problem(heading, "空欄です: この列は必ず書きます (missing value)");
            }
            return value;
        }

        <T> T value(Known column, Function<String, T> parse, boolean required) {
            return parsed(header.heading(column), text(column, required), parse);
        }

        /** The cell's text parsed; null when it is empty, or after recording why it does not parse. */
        private <T> T parsed(String heading, String text, Function<String, T> parse) {
            if (text.isEmpty()) {
                return null;
            }
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                problem(heading, e.getMessage());
                return null;
            }
        }

        NavigableMap<Integer, BigDecimal> yearValues(Map<String, Integer> columns) {
            NavigableMap<Integer, BigDecimal> values = new TreeMap<>();
            columns.forEach((heading, year) -> {
                BigDecimal value = parsed(heading, text(heading, false), KpiTable::number);
                if (value != null) {
                    values.put(year, value);
                }
            });
            return values;
        }

        void problem(Known column, String message) {
            problem(header.heading(column), message);
        }

        void problem(String heading, String message) {
            problems.add(new DataProblem(row.source(), heading, message));
        }
    }

    /**
     * A year cell as a fiscal year ({@link FiscalYear#parse}), each distinct text parsed once per sheet (a cell that
     * does not parse throws each time, as parse does, and is not kept). A sheet writes a few years; the first
     * {@value #YEARS_KEPT} texts are kept, so a hostile sheet of ever new spellings costs time, not memory.
     */
    private int year(String text) {
        Integer known = years.get(text);
        if (known == null) {
            known = FiscalYear.parse(text);
            if (years.size() < YEARS_KEPT) {
                years.put(text, known);
            }
        }
        return known;
    }

    /** A cell as a number, within the input bounds; an IllegalArgumentException saying what is wrong. */
    public static BigDecimal number(String text) {
        if (InputLimits.digits(text) > InputLimits.MAX_NUMBER_DIGITS) {
            throw new IllegalArgumentException("'" + InputLimits.shortened(text) + "' は桁が多すぎます (数は "
                    + InputLimits.MAX_NUMBER_DIGITS + " 桁まで)");
        }
        if (isPlainNumber(text)) {
            return new BigDecimal(text);
        }
        if (EXPONENT_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + InputLimits.shortened(text) + "' は大きすぎるか小さすぎる数です"
                    + " (" + InputLimits.MAX_NUMBER_DIGITS + " 桁までの数を、指数なしで書きます)");
        }
        throw new IllegalArgumentException("'" + InputLimits.shortened(text) + "' は数ではありません: 1199 や 75.9 のように"
                + "数だけを書きます (区切り・単位・空白なし) (not a number)");
    }

    /**
     * Whether {@code text} is a number as a sheet writes it, {@code -?[0-9]+(\.[0-9]+)?}: digits 0–9, a minus before
     * them, a decimal part after them and nothing else (BigDecimal would also take 1e5, +1, .5 and full-width digits).
     * Checked without a regex matcher, which allocated as much as the number itself: a nationwide run reads some 3
     * million numbers.
     */
    static boolean isPlainNumber(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        int whole = digitsEnd(text, start);
        if (whole == start) {
            return false;
        }
        if (whole == text.length()) {
            return true;
        }
        int fraction = digitsEnd(text, whole + 1);
        return text.charAt(whole) == '.' && fraction > whole + 1 && fraction == text.length();
    }

    /** Where the run of digits 0–9 from {@code from} ends. */
    private static int digitsEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** {@code 80%以上} → {@code 80}: the bound and then the KPI's unit taken off the end of a target as printed. */
    private static String withoutUnit(String text, String bound, String unit) {
        String number = text.substring(0, text.length() - bound.length()).strip();
        if (!bound.isEmpty() && !unit.isEmpty() && number.endsWith(unit)) {
            number = number.substring(0, number.length() - unit.length()).strip();
        }
        return number;
    }

    /** The file name without its extension: the municipality of a file without a municipality column. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
