package jp.kpireview.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.DataProblem;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The canonical KPI data format: UTF-8 CSV with a header row (a BOM is accepted), one row per KPI.
 * <pre>
 * kpi_id, project, business_no, business, kpi, unit, direction, baseline_year, baseline, target_year, target,
 * FY2015, FY2016, …      actuals (empty = no value)
 * plan_FY2018, …         optional: an annual target the city set for that year
 * note                   optional: free text
 * </pre>
 * Numbers are plain decimals ({@code 1199}, {@code 75.9}): no separators, no units. Years are written
 * {@code FY2014}, {@code 2014} or {@code H26}.
 */
public final class KpiCsv {

    public static final List<String> FIXED_COLUMNS = List.of("kpi_id", "project", "business_no", "business", "kpi",
            "unit", "direction", "baseline_year", "baseline", "target_year", "target");
    private static final String PLAN_PREFIX = "plan_";
    private static final String NOTE = "note";
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final CSVFormat READ_FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setAllowDuplicateHeaderNames(false).setTrim(true).get();

    private KpiCsv() {
    }

    public static List<Kpi> read(Path file) {
        String text = readUtf8(file);
        try (CSVParser parser = CSVParser.parse(stripBom(text), READ_FORMAT)) {
            Header header = Header.of(parser.getHeaderNames(), file.toString());
            return readRows(parser, header, file.toString());
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new DataException(new SourceLocation(file.toString(), 1), "CSV", e.getMessage());
        }
    }

    public static void write(Path file, List<Kpi> kpis) {
        SortedSet<Integer> actualYears = new TreeSet<>();
        SortedSet<Integer> planYears = new TreeSet<>();
        kpis.forEach(k -> {
            actualYears.addAll(k.actuals().keySet());
            planYears.addAll(k.plans().keySet());
        });
        boolean notes = kpis.stream().anyMatch(k -> !k.note().isEmpty());
        List<String> header = new ArrayList<>(FIXED_COLUMNS);
        actualYears.forEach(y -> header.add(FiscalYear.label(y)));
        planYears.forEach(y -> header.add(PLAN_PREFIX + FiscalYear.label(y)));
        if (notes) {
            header.add(NOTE);
        }
        AtomicFiles.write(file, out -> {
            try (CSVPrinter csv = Csv.printer(out, header)) {
                for (Kpi k : kpis) {
                    List<Object> row = new ArrayList<>(List.of(k.id(), k.project(), k.businessNo(), k.business(),
                            k.name(), k.unit(), k.directionText(), FiscalYear.label(k.baselineYear()),
                            k.baseline().toPlainString(), FiscalYear.label(k.targetYear()),
                            k.finalTarget().toPlainString()));
                    actualYears.forEach(y -> row.add(plain(k.actuals().get(y))));
                    planYears.forEach(y -> row.add(plain(k.plans().get(y))));
                    if (notes) {
                        row.add(k.note());
                    }
                    csv.printRecord(row);
                }
            }
        });
    }

    private static List<Kpi> readRows(CSVParser parser, Header header, String file) {
        List<Kpi> kpis = new ArrayList<>();
        List<DataProblem> problems = new ArrayList<>();
        Map<String, SourceLocation> seenIds = new HashMap<>();
        for (CSVRecord record : parser) {
            Row row = new Row(record, new SourceLocation(file, (int) parser.getCurrentLineNumber()), problems);
            Kpi kpi = header.toKpi(row);
            if (kpi == null) {
                continue;
            }
            SourceLocation earlier = seenIds.putIfAbsent(kpi.id(), kpi.source());
            if (earlier != null) {
                problems.add(new DataProblem(kpi.source(), "kpi_id",
                        "duplicate id '" + kpi.id() + "' (first used at line " + earlier.line() + ")"));
            }
            kpis.add(kpi);
        }
        if (kpis.isEmpty() && problems.isEmpty()) {
            problems.add(new DataProblem(new SourceLocation(file, 1), "CSV", "no KPI rows"));
        }
        if (!problems.isEmpty()) {
            throw new DataException(problems);
        }
        return kpis;
    }

    /** Which year each FYyyyy / plan_FYyyyy column holds; checked once against the header line. */
    private record Header(Map<String, Integer> actualColumns, Map<String, Integer> planColumns) {

        static Header of(List<String> names, String file) {
            List<DataProblem> problems = new ArrayList<>();
            SourceLocation line1 = new SourceLocation(file, 1);
            LinkedHashSet<String> missing = new LinkedHashSet<>(FIXED_COLUMNS);
            missing.removeAll(names);
            if (!missing.isEmpty()) {
                problems.add(new DataProblem(line1, "header", "missing column(s) " + String.join(", ", missing)));
            }
            Map<String, Integer> actuals = new TreeMap<>();
            Map<String, Integer> plans = new TreeMap<>();
            for (String name : names) {
                if (FIXED_COLUMNS.contains(name) || name.equals(NOTE)) {
                    continue;
                }
                boolean plan = name.startsWith(PLAN_PREFIX);
                try {
                    int year = FiscalYear.parse(plan ? name.substring(PLAN_PREFIX.length()) : name);
                    (plan ? plans : actuals).put(name, year);
                } catch (IllegalArgumentException e) {
                    problems.add(new DataProblem(line1, name, "unknown column (expected " + String.join(", ",
                            FIXED_COLUMNS) + ", FYyyyy, plan_FYyyyy or note)"));
                }
            }
            if (actuals.isEmpty()) {
                problems.add(new DataProblem(line1, "header", "no actuals column such as FY2018"));
            }
            if (!problems.isEmpty()) {
                throw new DataException(problems);
            }
            return new Header(actuals, plans);
        }

        /** The KPI of one row, or null after recording what is wrong with it. */
        Kpi toKpi(Row row) {
            int before = row.problems.size();
            String id = row.text("kpi_id", true);
            String direction = row.text("direction", true);
            Integer baselineYear = row.value("baseline_year", FiscalYear::parse, true);
            BigDecimal baseline = row.value("baseline", KpiCsv::number, true);
            Integer targetYear = row.value("target_year", FiscalYear::parse, true);
            BigDecimal target = row.value("target", KpiCsv::number, true);
            NavigableMap<Integer, BigDecimal> actuals = row.yearValues(actualColumns);
            NavigableMap<Integer, BigDecimal> plans = row.yearValues(planColumns);
            if (baselineYear != null && targetYear != null && targetYear <= baselineYear) {
                row.problem("target_year", "target year " + FiscalYear.label(targetYear)
                        + " is not after the baseline year " + FiscalYear.label(baselineYear));
            }
            if (row.problems.size() > before) {
                return null;
            }
            return new Kpi(id, row.text("project", false), row.text("business_no", false),
                    row.text("business", false), row.text("kpi", false), row.text("unit", false), direction,
                    baselineYear, baseline, targetYear, target, actuals, plans, row.text(NOTE, false), row.source);
        }
    }

    /** One data row; every reader records located problems instead of stopping at the first. */
    private record Row(CSVRecord record, SourceLocation source, List<DataProblem> problems) {

        String text(String column, boolean required) {
            String value = record.isMapped(column) && record.isSet(column) ? record.get(column) : "";
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
                BigDecimal value = value(column, KpiCsv::number, false);
                if (value != null) {
                    values.put(year, value);
                }
            });
            return values;
        }

        void problem(String column, String message) {
            problems.add(new DataProblem(source, column, message));
        }
    }

    static BigDecimal number(String text) {
        if (!PLAIN_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a number (write plain decimals such as 1199 "
                    + "or 75.9: no separators, units or spaces)");
        }
        return new BigDecimal(text);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String readUtf8(Path file) {
        try {
            return TextFiles.readUtf8(file);
        } catch (CharacterCodingException e) {
            throw new DataException(new SourceLocation(file.toString(), 1), "encoding",
                    "the file is not UTF-8 (save it as CSV UTF-8)");
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
