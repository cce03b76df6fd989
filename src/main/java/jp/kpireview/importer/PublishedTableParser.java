package jp.kpireview.importer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.io.FileFailure;

/**
 * Reads a published KPI review table (Otaru's format), as text extracted from the PDF: tab-separated cells, project
 * headings such as {@code (1)あずまい暮らしプロジェクト}, header rows naming the years ({@code 基準値(H26)},
 * {@code H27実績値} … {@code H30年度}, {@code 目標値(H31)}), one row per KPI (a business's later KPIs start with empty
 * cells), values with units and separators ({@code 1,199件}, {@code 75.9%}, {@code —} for none), the direction symbol,
 * the band mark and ☆ somewhere after it, and a summary per project
 * ({@code (集計対象 11事業[16KPI] / 全 11事業[16KPI])  平均スコア 40.90  3 3 5 3 3}, possibly spread over lines).
 */
public final class PublishedTableParser {

    private static final int NO = 0;
    private static final int BUSINESS = 1;
    private static final int KPI = 3;
    private static final int BASELINE = 4;
    private static final int RAW = 9;
    private static final int SCORE = 10;
    private static final int DIRECTION_FROM = 11;
    private static final List<String> BAND_MARKS = List.of("×", "●", "○", "◎");
    private static final String ACHIEVED = "☆";
    private static final String NONE = "—";

    private static final Pattern PROJECT = Pattern.compile("\\s*\\((\\d+)\\)\\s*(\\S[^\\t]*?)\\s*");
    private static final Pattern VALUE =
            Pattern.compile("(-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)\\s*([^\\d\\s.,\\-—]*)");
    private static final Pattern BASELINE_HEADER = Pattern.compile("基準値\\((\\w+)\\)");
    private static final Pattern ACTUAL_HEADER = Pattern.compile("(\\w+?)(?:実績値|年度)");
    private static final Pattern TARGET_HEADER = Pattern.compile("目標値\\((\\w+)\\)");
    private static final Pattern SUMMARY =
            Pattern.compile("\\(集計対象\\s*(\\d+)事業\\[(\\d+)KPI]\\s*/\\s*全\\s*(\\d+)事業\\[(\\d+)KPI]\\)(.*)");
    private static final Pattern SUMMARY_FIGURES = Pattern.compile(
            "平均スコア\\s*(-?\\d+(?:\\.\\d+)?)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*");
    /** A line wrap inside Japanese text leaves a space that was never in the name. */
    private static final Pattern WRAP_SPACE = Pattern.compile("(?<=[^\\x00-\\x7F])\\s+(?=[^\\x00-\\x7F])");

    private final String file;
    /** The direction symbols the rules accept: the one table (rules/direction.drl) says what a symbol is. */
    private final Set<String> directions;
    private final List<Row> rows = new ArrayList<>();
    private final List<PublishedSummary> summaries = new ArrayList<>();
    private Columns columns;
    private String project;
    private String businessNo;
    private String business;
    private PendingSummary pendingSummary;

    /** The years a header row names, and the cells that hold them. */
    private record Columns(int baselineYear, int targetYear, Map<Integer, Integer> actualYearByCell, int year) {
    }

    /** A KPI row before its id is known (the letter depends on how many KPIs its business has). */
    private record Row(String project, String businessNo, String business, Kpi kpi, PublishedScore score) {
    }

    /** A summary line whose average and counts may follow on later lines. */
    private record PendingSummary(Matcher counts, StringBuilder rest, SourceLocation source) {
    }

    private PublishedTableParser(String file, Set<String> directions) {
        this.file = file;
        this.directions = directions;
    }

    /** @param directions the direction symbols the rules accept (from their direction table) */
    public static PublishedTable parse(Path path, Set<String> directions) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.READ, path, e);
        }
        PublishedTableParser parser = new PublishedTableParser(path.toString(), directions);
        for (int i = 0; i < lines.size(); i++) {
            parser.line(lines.get(i), new SourceLocation(path.toString(), i + 1));
        }
        return parser.table();
    }

    private void line(String text, SourceLocation at) {
        if (pendingSummary != null && !text.isBlank()) {
            continueSummary(text, at);
            return;
        }
        if (text.isBlank()) {
            return;
        }
        String[] cells = text.split("\t", -1);
        Matcher summary = SUMMARY.matcher(text.strip());
        Matcher heading = PROJECT.matcher(text);
        if (cells[0].strip().equals("No.")) {
            columns = header(cells, at);
        } else if (summary.matches()) {
            startSummary(summary, at);
        } else if (heading.matches()) {
            project = "(" + heading.group(1) + ") " + heading.group(2);
        } else if (cells.length > KPI && cells[KPI].isBlank() && text.contains("実績値")) {
            return; // second header row: 実績値 / 補正前スコア / スコア
        } else if (cells.length > DIRECTION_FROM) {
            kpiRow(cells, at);
        } else {
            throw new DataException(at, "line", "not a project heading, header, KPI row or summary: '" + text.strip()
                    + "'");
        }
    }

    private Columns header(String[] cells, SourceLocation at) {
        Integer baselineYear = null;
        Integer targetYear = null;
        Map<Integer, Integer> actuals = new TreeMap<>();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].replaceAll("\\s", "");
            Matcher m;
            if ((m = BASELINE_HEADER.matcher(cell)).matches()) {
                baselineYear = year(m.group(1), at, cell);
            } else if ((m = TARGET_HEADER.matcher(cell)).matches()) {
                targetYear = year(m.group(1), at, cell);
            } else if ((m = ACTUAL_HEADER.matcher(cell)).matches()) {
                actuals.put(i, year(m.group(1), at, cell));
            }
        }
        if (baselineYear == null || targetYear == null || actuals.isEmpty()) {
            throw new DataException(at, "header", "expected 基準値(Hnn), Hnn実績値 … and 目標値(Hnn) columns");
        }
        int year = actuals.values().stream().max(Integer::compare).orElseThrow();
        return new Columns(baselineYear, targetYear, actuals, year);
    }

    private static int year(String era, SourceLocation at, String column) {
        try {
            return FiscalYear.parse(era);
        } catch (IllegalArgumentException e) {
            throw new DataException(at, column, e.getMessage());
        }
    }

    private void kpiRow(String[] cells, SourceLocation at) {
        if (columns == null || project == null) {
            throw new DataException(at, "line", "KPI row before the project heading and header");
        }
        if (!cells[NO].isBlank()) {
            businessNo = cells[NO].strip();
            business = unwrap(cells[BUSINESS]);
        } else if (businessNo == null) {
            throw new DataException(at, "No.", "the first KPI row of a project has no business number");
        }
        Value baseline = value(cells[BASELINE], at, "基準値(" + FiscalYear.japaneseLabel(columns.baselineYear()) + ")");
        int directionCell = directionCell(cells, at);
        String targetColumn = "目標値(" + FiscalYear.japaneseLabel(columns.targetYear()) + ")";
        Value target = value(cell(cells, directionCell + 1), at, targetColumn);
        if (baseline == null || target == null) {
            throw new DataException(at, baseline == null ? "基準値" : targetColumn, "missing value");
        }
        String unit = baseline.unit().isEmpty() ? target.unit() : baseline.unit();
        checkUnit(target, unit, at, targetColumn);
        TreeMap<Integer, BigDecimal> actuals = new TreeMap<>();
        columns.actualYearByCell().forEach((cell, year) -> {
            String column = FiscalYear.japaneseLabel(year) + "実績値";
            Value actual = value(cells[cell], at, column);
            if (actual != null) {
                checkUnit(actual, unit, at, column);
                actuals.put(year, actual.number());
            }
        });
        Kpi kpi = new Kpi("", "", project, businessNo, business, unwrap(cells[KPI]), unit,
                cells[directionCell].strip(), columns.baselineYear(), baseline.number(), columns.targetYear(),
                target.number(), actuals, new TreeMap<>(), "", at);
        rows.add(new Row(project, businessNo, business, kpi, score(cells, directionCell, at)));
    }

    private PublishedScore score(String[] cells, int directionCell, SourceLocation at) {
        BigDecimal raw = score(cells[RAW], at, "補正前スコア");
        BigDecimal score = score(cells[SCORE], at, "スコア");
        StringBuilder marks = new StringBuilder();
        for (int i = directionCell + 2; i < cells.length; i++) {
            marks.append(cells[i]);
        }
        String band = BAND_MARKS.stream().filter(m -> marks.indexOf(m) >= 0).findFirst().orElse(null);
        if ((raw == null) != (score == null) || (score == null) != (band == null)) {
            throw new DataException(at, "評価", "a row needs both scores and a band mark, or none of them (—)");
        }
        return new PublishedScore("", columns.year(), raw, score, band, marks.indexOf(ACHIEVED) >= 0, at);
    }

    private int directionCell(String[] cells, SourceLocation at) {
        for (int i = DIRECTION_FROM; i < cells.length; i++) {
            if (directions.contains(cells[i].strip())) {
                return i;
            }
        }
        throw new DataException(at, "方向", "no direction symbol (" + String.join(" ", directions)
                + ") after the scores");
    }

    private record Value(BigDecimal number, String unit) {
    }

    /** A value cell, {@code 1,199件} → 1199 件; null for — or an empty cell. */
    private static Value value(String cell, SourceLocation at, String column) {
        String text = cell.strip();
        if (text.isEmpty() || text.equals(NONE)) {
            return null;
        }
        Matcher m = VALUE.matcher(text);
        if (!m.matches()) {
            throw new DataException(at, column, "'" + text + "' is not a value such as 1,199件, 75.9% or —");
        }
        return new Value(new BigDecimal(m.group(1).replace(",", "")), m.group(2));
    }

    private static BigDecimal score(String cell, SourceLocation at, String column) {
        Value value = value(cell, at, column);
        if (value != null && !value.unit().isEmpty()) {
            throw new DataException(at, column, "'" + cell.strip() + "' is not a score such as -21.21");
        }
        return value == null ? null : value.number();
    }

    private static void checkUnit(Value value, String unit, SourceLocation at, String column) {
        if (!value.unit().isEmpty() && !value.unit().equals(unit)) {
            throw new DataException(at, column, "unit '" + value.unit() + "' differs from the KPI's unit '" + unit + "'");
        }
    }

    private static String cell(String[] cells, int index) {
        return index < cells.length ? cells[index] : "";
    }

    private static String unwrap(String text) {
        return WRAP_SPACE.matcher(text.strip()).replaceAll("");
    }

    private void startSummary(Matcher counts, SourceLocation at) {
        pendingSummary = new PendingSummary(counts, new StringBuilder(), at);
        continueSummary(counts.group(5), at);
    }

    /** Collects the text after a summary line until it holds 平均スコア and the five counts. */
    private void continueSummary(String text, SourceLocation at) {
        PendingSummary pending = pendingSummary;
        pending.rest().append(' ').append(text.replace('\t', ' '));
        Matcher figures = SUMMARY_FIGURES.matcher(pending.rest().toString().strip());
        if (figures.matches()) {
            summaries.add(summary(pending.counts(), figures, pending.source()));
            pendingSummary = null;
        } else if (PROJECT.matcher(text).matches() || text.startsWith("No.")) {
            throw new DataException(pending.source(), "集計", "summary without 平均スコア and the five counts");
        }
    }

    private PublishedSummary summary(Matcher counts, Matcher figures, SourceLocation at) {
        Map<String, Integer> bands = new LinkedHashMap<>();
        for (int i = 0; i < BAND_MARKS.size(); i++) {
            bands.put(BAND_MARKS.get(i), Integer.parseInt(figures.group(i + 2)));
        }
        return new PublishedSummary(project, columns.year(), Integer.parseInt(counts.group(1)),
                Integer.parseInt(counts.group(3)), Integer.parseInt(counts.group(2)), Integer.parseInt(counts.group(4)),
                new BigDecimal(figures.group(1)), bands, Integer.parseInt(figures.group(6)), at);
    }

    /** Gives each KPI its id: the business number, plus a, b, c … when the business has several KPIs. */
    private PublishedTable table() {
        if (pendingSummary != null) {
            throw new DataException(pendingSummary.source(), "集計", "summary without 平均スコア and the five counts");
        }
        if (rows.isEmpty()) {
            throw new DataException(new SourceLocation(file, 1), "table", "no KPI rows found");
        }
        Map<String, Integer> perBusiness = new LinkedHashMap<>();
        rows.forEach(r -> perBusiness.merge(r.project() + "\u0000" + r.businessNo(), 1, Integer::sum));
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<Kpi> kpis = new ArrayList<>();
        List<PublishedScore> scores = new ArrayList<>();
        for (Row r : rows) {
            String key = r.project() + "\u0000" + r.businessNo();
            int index = seen.merge(key, 1, Integer::sum);
            String id = r.businessNo() + (perBusiness.get(key) > 1 ? String.valueOf((char) ('a' + index - 1)) : "");
            kpis.add(r.kpi().withId(id));
            PublishedScore s = r.score();
            scores.add(new PublishedScore(id, s.year(), s.rawScore(), s.score(), s.band(), s.achieved(), s.source()));
        }
        return new PublishedTable(columns.year(), kpis, scores, summaries);
    }
}
