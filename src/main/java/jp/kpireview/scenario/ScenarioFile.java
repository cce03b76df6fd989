package jp.kpireview.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.DataProblem;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.io.DataColumns;
import jp.kpireview.io.FileFailure;
import jp.kpireview.io.KpiCsv;
import jp.kpireview.io.KpiTable;
import jp.kpireview.io.TextFiles;
import jp.kpireview.rulebase.RuleFiles;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Scenario files ({@code rules/tests/*.csv}): one case per row, with the KPI columns of the data format and the
 * expected conclusions.
 * <pre>
 * case, year, direction, unit, baseline_year, baseline, target_year, target, FY2015 …, annual_target_FY2018 …,
 * expect_status, expect_reference_kind, expect_reference, expect_raw_score, expect_score, expect_band,
 * expect_achieved, note
 * </pre>
 * Optionally a {@code group} column: cases with the same group and year are evaluated together, and
 * {@code expect_counted}, {@code expect_average}, {@code expect_grade} check the summary of the case's project. A
 * {@code project} column names the case's project, for rules that treat a project differently (a group may then
 * hold several projects: a KPI listed again under another). Any other column
 * is a column of the town's own (重み, 再掲 …), for rules that read one.
 * An empty expectation is not checked; numbers are compared to the decimals written ({@code 21.33} matches
 * 21.3333…).
 */
public final class ScenarioFile {

    public static final String PREFIX = "expect_";
    public static final List<String> EXPECTATIONS = List.of("status", "reference_kind", "reference", "raw_score",
            "score", "band", "achieved", "counted", "average", "grade");
    private static final String CASE = "case";
    private static final String GROUP = "group";
    private static final String YEAR = "year";
    /** Data-format columns a scenario does not need: they are filled in. */
    private static final List<String> FILLED = List.of("kpi_id", "project", "business_no", "business", "kpi");

    private ScenarioFile() {
    }

    /** The scenario files of a folder ({@code rules/tests}), sorted; none when there is no such folder. */
    public static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(RuleFiles::isScenarioFile).sorted().toList();
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.LIST, folder, e);
        }
    }

    /** What expect_achieved may say: ☆ reached or not. */
    private static final List<String> ACHIEVED = List.of("true", "false", "☆");

    public static List<Scenario> read(Path file) {
        SourceLocation headerLine = new SourceLocation(file.toString(), 1);
        String text;
        try {
            text = TextFiles.readUtf8(file);
        } catch (IOException e) {
            throw new DataException(headerLine, "encoding", "UTF-8 のファイルではありません: 「CSV UTF-8 (コンマ区切り)」で"
                    + "保存してください (the file is not UTF-8)");
        }
        try (CSVParser parser = CSVParser.parse(text, KpiCsv.READ_FORMAT)) {
            List<String> own = new ArrayList<>(List.of(CASE, YEAR, GROUP));
            EXPECTATIONS.forEach(e -> own.add(PREFIX + e));
            List<String> names = new ArrayList<>(parser.getHeaderNames());
            List<DataProblem> problems = new ArrayList<>();
            for (String required : List.of(CASE, YEAR)) {
                if (!names.contains(required)) {
                    problems.add(new DataProblem(headerLine, "header", "列 " + required + " がありません (missing column)"));
                }
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String heading : parser.getHeaderNames()) {
                if (own.contains(heading) && !seen.add(heading)) {
                    // the data's columns written twice DataColumns reports; a scenario's own ones are said here
                    problems.add(new DataProblem(headerLine, heading, "列 '" + heading + "' が二つあります: 一つにして"
                            + "ください (a heading written twice)"));
                }
                // an expectation the file names and this tool does not know would never be checked
                if (heading.startsWith(PREFIX) && !own.contains(heading)) {
                    problems.add(new DataProblem(headerLine, heading, "期待の列 '" + heading + "' はありません (書けるのは "
                            + String.join(", ", EXPECTATIONS.stream().map(e -> PREFIX + e).toList()) + ")"));
                    own.add(heading);  // reported here once, not again as a slip of a data column
                }
            }
            FILLED.stream().filter(c -> !DataColumns.names(names, c)).forEach(names::add);
            KpiTable table = KpiTable.withHeader(names, headerLine, "scenarios", own);
            List<CSVRecord> records = new ArrayList<>();
            List<Integer> years = new ArrayList<>();
            int columns = parser.getHeaderNames().size();
            for (CSVRecord record : parser) {
                SourceLocation at = headerLine.atLine((int) parser.getCurrentLineNumber());
                // cells past the last heading are the column count's error below, not told twice
                table.valuesWithoutHeading(at, Math.min(record.size(), columns), record::get);
                if (record.size() != columns) {
                    // a comma too few or too many shifts every later cell into the wrong column
                    problems.add(new DataProblem(at, CASE, "この行は " + record.size() + " 列、見出しは "
                            + columns + " 列です (コンマの抜けや余分がないか、コンマを含む値を \"…\" で囲んだかを確かめてください)"));
                }
                String achieved = cell(record, PREFIX + "achieved");
                if (!achieved.isEmpty() && !ACHIEVED.contains(achieved)) {
                    problems.add(new DataProblem(at, PREFIX + "achieved", "'" + achieved + "' は "
                            + String.join("、", ACHIEVED) + " のどれかです (空欄なら確かめません)"));
                }
                table.add(new KpiTable.Row(at, column -> cell(record, column)));
                records.add(record);
                years.add(year(cell(record, YEAR), at, problems));
            }
            if (!problems.isEmpty()) {
                throw new DataException(problems);
            }
            return scenarios(table.kpis(), records, years);
        } catch (java.io.UncheckedIOException e) {
            throw KpiCsv.syntax(file, e.getCause() == null ? e : e.getCause());
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw KpiCsv.syntax(file, e);
        }
    }

    private static List<Scenario> scenarios(List<Kpi> kpis, List<CSVRecord> records, List<Integer> years) {
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < kpis.size(); i++) {
            Map<String, String> expected = new LinkedHashMap<>();
            for (String e : EXPECTATIONS) {
                String value = cell(records.get(i), PREFIX + e);
                if (!value.isEmpty()) {
                    expected.put(e, value);
                }
            }
            scenarios.add(new Scenario(kpis.get(i).id(), cell(records.get(i), GROUP), kpis.get(i), years.get(i),
                    expected, kpis.get(i).source()));
        }
        return scenarios;
    }

    /** A cell by column; the data format's naming columns are filled from the case. */
    private static String cell(CSVRecord record, String column) {
        if (column.equals("kpi_id") || column.equals("kpi")) {
            return cell(record, CASE);
        }
        if (FILLED.contains(column) && !(record.isMapped(column) && !record.get(column).isEmpty())) {
            return column.equals("project") ? "(scenarios)" : "";
        }
        return record.isMapped(column) && record.isSet(column) ? record.get(column) : "";
    }

    private static Integer year(String text, SourceLocation at, List<DataProblem> problems) {
        try {
            return FiscalYear.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(new DataProblem(at, YEAR, e.getMessage()));
            return null;
        }
    }
}
