package jp.kpireview.io;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.DataProblem;
import jp.kpireview.domain.ProblemList;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;

/**
 * The columns of the KPI data format, read the same way from a CSV file and from an Excel sheet. Each reader hands
 * over the header and then one row at a time; every problem is recorded with its place and column, and all of them
 * are reported together at the end.
 */
public final class KpiTable {

    static final List<String> FIXED_COLUMNS = List.of("kpi_id", "project", "business_no", "business", "kpi",
            "unit", "direction", "baseline_year", "baseline", "target_year", "target");
    static final String MUNICIPALITY = "municipality";
    /** The column of an annual target (年度目標値) the city set: {@code annual_target_FY2018}. */
    static final String ANNUAL_TARGET_PREFIX = "annual_target_";
    /** The older name of that column, still read: {@code plan_FY2018}. */
    private static final String OLD_ANNUAL_TARGET_PREFIX = "plan_";
    static final String NOTE = "note";
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    /** 1e400: refused with its own message (compiled once: a nationwide run reads some 3 million numbers). */
    private static final Pattern EXPONENT_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?[eE][-+]?\\d+");

    /** One data row: where it is and its cells by column name (trimmed, "" when empty or absent). */
    public record Row(SourceLocation source, UnaryOperator<String> cells) {
    }

    private final Map<String, Integer> actualColumns;
    private final Map<String, Integer> planColumns;
    private final String defaultMunicipality;
    private final SourceLocation headerLine;
    private final List<Kpi> kpis = new ArrayList<>();
    private final ProblemList problems = new ProblemList();
    /** The direction symbols the rules accept, when the reader knows them; null: left to the rules alone. */
    private java.util.Set<String> directions;
    private final Map<String, SourceLocation> seenIds = new HashMap<>();

    private KpiTable(Map<String, Integer> actualColumns, Map<String, Integer> planColumns,
            String defaultMunicipality, SourceLocation headerLine) {
        this.actualColumns = actualColumns;
        this.planColumns = planColumns;
        this.defaultMunicipality = defaultMunicipality;
        this.headerLine = headerLine;
    }

    /**
     * Checks the header once: which year each {@code FYyyyy} / {@code annual_target_FYyyyy} (or {@code plan_FYyyyy})
     * column holds.
     *
     * @param defaultMunicipality the name used when there is no {@code municipality} column (the file's name)
     */
    static KpiTable withHeader(List<String> names, SourceLocation headerLine, String defaultMunicipality) {
        return withHeader(names, headerLine, defaultMunicipality, List.of());
    }

    /** The same, for a file that also holds columns of its own ({@code extraColumns}, read by the caller). */
    public static KpiTable withHeader(List<String> names, SourceLocation headerLine, String defaultMunicipality,
            List<String> extraColumns) {
        List<DataProblem> problems = new ArrayList<>();
        LinkedHashSet<String> missing = new LinkedHashSet<>(FIXED_COLUMNS);
        missing.removeAll(names);
        if (!missing.isEmpty()) {
            problems.add(new DataProblem(headerLine, "header", "missing column(s) " + String.join(", ", missing)));
        }
        Map<String, Integer> actuals = new TreeMap<>();
        Map<String, Integer> plans = new TreeMap<>();
        for (String name : names) {
            if (FIXED_COLUMNS.contains(name) || name.equals(NOTE) || name.equals(MUNICIPALITY)
                    || extraColumns.contains(name)) {
                continue;
            }
            String prefix = name.startsWith(ANNUAL_TARGET_PREFIX) ? ANNUAL_TARGET_PREFIX
                    : name.startsWith(OLD_ANNUAL_TARGET_PREFIX) ? OLD_ANNUAL_TARGET_PREFIX : "";
            try {
                int year = FiscalYear.parse(name.substring(prefix.length()));
                (prefix.isEmpty() ? actuals : plans).put(name, year);
            } catch (IllegalArgumentException e) {
                problems.add(new DataProblem(headerLine, name.isEmpty() ? "header" : name, "unknown column"
                        + " (expected " + String.join(", ", extraColumns.isEmpty() ? List.of(MUNICIPALITY) : extraColumns)
                        + ", " + String.join(", ", FIXED_COLUMNS) + ", FYyyyy, annual_target_FYyyyy or note)"));
            }
        }
        if (actuals.isEmpty()) {
            problems.add(new DataProblem(headerLine, "header", "no actuals column such as FY2018"));
        }
        if (!problems.isEmpty()) {
            throw new DataException(problems);
        }
        return new KpiTable(actuals, plans, defaultMunicipality, headerLine);
    }

    /** Checks each row's direction against the rules' symbol table while reading. */
    public KpiTable knownDirections(java.util.Set<String> symbols) {
        this.directions = symbols;
        return this;
    }

    public void add(Row row) {
        Kpi kpi = toKpi(new Cells(row, problems));
        if (kpi == null) {
            return;
        }
        SourceLocation earlier = seenIds.putIfAbsent(kpi.municipality() + "\u0000" + kpi.id(), kpi.source());
        if (earlier != null) {
            problems.add(new DataProblem(kpi.source(), "kpi_id", "duplicate id '" + kpi.id() + "'"
                    + (kpi.municipality().equals(defaultMunicipality) ? "" : " in " + kpi.municipality())
                    + " (first used at line " + earlier.line() + ")"));
        }
        kpis.add(kpi);
    }

    /** The KPIs read, or every problem found in the rows. */
    public List<Kpi> kpis() {
        if (kpis.isEmpty() && problems.isEmpty()) {
            problems.add(new DataProblem(headerLine, "data", "no KPI rows"));
        }
        problems.throwIfAny();
        return kpis;
    }

    /** The KPI of one row, or null after recording what is wrong with it. */
    private Kpi toKpi(Cells row) {
        int before = problems.size();
        String id = row.text("kpi_id", true);
        // a target as towns print it, 80%以上 or 30件以下: its bound gives the direction when the symbol is missing
        String targetText = row.peek("target");
        String bound = targetText.endsWith("以上") ? "以上" : targetText.endsWith("以下") ? "以下" : "";
        String direction = row.text("direction", bound.isEmpty());
        if (direction.isEmpty()) {
            direction = bound;
        }
        if (directions != null && !direction.isEmpty() && !directions.contains(direction)) {
            // the rules' own table, checked here too so that it is reported with the row's other problems
            row.problem("direction", "unknown direction '" + direction + "' (use " + String.join(" ", directions)
                    + ")");
        }
        // a town that publishes no baseline leaves both cells empty; one without the other is a slip
        boolean noBaseline = row.peek("baseline").isEmpty();
        boolean noBaselineYear = row.peek("baseline_year").isEmpty();
        Integer baselineYear = row.value("baseline_year", FiscalYear::parse, !noBaseline);
        BigDecimal baseline = row.value("baseline", KpiTable::number, !noBaselineYear);
        Integer targetYear = row.value("target_year", FiscalYear::parse, true);
        String unit = row.peek("unit");
        BigDecimal target = row.value("target", text -> number(withoutUnit(text, bound, unit)), true);
        NavigableMap<Integer, BigDecimal> actuals = row.yearValues(actualColumns);
        NavigableMap<Integer, BigDecimal> plans = row.yearValues(planColumns);
        if (baselineYear != null && targetYear != null && targetYear <= baselineYear) {
            row.problem("target_year", "target year " + FiscalYear.label(targetYear)
                    + " is not after the baseline year " + FiscalYear.label(baselineYear));
        }
        if (problems.size() > before) {
            return null;
        }
        String municipality = row.text(MUNICIPALITY, false);
        return new Kpi(municipality.isEmpty() ? defaultMunicipality : municipality, id, row.text("project", false),
                row.text("business_no", false), row.text("business", false), row.text("kpi", false),
                row.text("unit", false), direction, baselineYear, baseline, targetYear, target, actuals, plans,
                row.text(NOTE, false), row.row.source(), bound);
    }

    /** Typed access to a row's cells; every reader records located problems instead of stopping at the first. */
    private record Cells(Row row, ProblemList problems) {

        /** The cell's text, stripped, without recording anything (for a check that reads it before its turn). */
        String peek(String column) {
            String value = row.cells().apply(column);
            return value == null ? "" : value.strip();
        }

        String text(String column, boolean required) {
            String value = row.cells().apply(column);
            value = value == null ? "" : value.strip();
            if (value.length() > InputLimits.MAX_CELL_CHARS) {
                problem(column, String.format("the cell holds %,d characters; at most %,d", value.length(),
                        InputLimits.MAX_CELL_CHARS));
                return "";
            }
            if (required && value.isEmpty()) {
                problem(column, "missing value");
            }
            return value;
        }

        <T> T value(String column, Function<String, T> parse, boolean required) {
            String text = text(column, required);
            if (text.isEmpty()) {
                return null;
            }
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                problem(column, e.getMessage());
                return null;
            }
        }

        NavigableMap<Integer, BigDecimal> yearValues(Map<String, Integer> columns) {
            NavigableMap<Integer, BigDecimal> values = new TreeMap<>();
            columns.forEach((column, year) -> {
                BigDecimal value = value(column, KpiTable::number, false);
                if (value != null) {
                    values.put(year, value);
                }
            });
            return values;
        }

        void problem(String column, String message) {
            problems.add(new DataProblem(row.source(), column, message));
        }
    }

    /** A cell as a number, within the input bounds; an IllegalArgumentException saying what is wrong. */
    public static BigDecimal number(String text) {
        if (InputLimits.digits(text) > InputLimits.MAX_NUMBER_DIGITS) {
            throw new IllegalArgumentException("'" + InputLimits.shortened(text) + "' has more than "
                    + InputLimits.MAX_NUMBER_DIGITS + " digits: too large or too precise a number");
        }
        if (PLAIN_NUMBER.matcher(text).matches()) {
            return new BigDecimal(text);
        }
        if (EXPONENT_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + InputLimits.shortened(text) + "' is too large or too small a"
                    + " number (at most " + InputLimits.MAX_NUMBER_DIGITS + " digits, written out in plain decimals)");
        }
        throw new IllegalArgumentException("'" + InputLimits.shortened(text) + "' is not a number (write plain decimals such as 1199 "
                + "or 75.9: no separators, units or spaces)");
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
