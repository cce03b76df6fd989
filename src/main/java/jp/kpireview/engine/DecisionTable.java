package jp.kpireview.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import jp.kpireview.domain.DataException;
import jp.kpireview.io.KpiXlsx;
import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.drools.decisiontable.parser.csv.CsvLineParser;
import org.drools.template.model.DRLOutput;
import org.drools.template.parser.DataListener;
import org.drools.template.parser.DecisionTableParseException;

/**
 * A decision table beside the DRL (区分表.csv, 許容幅.csv, or an .xlsx workbook): Drools' own decision-table format
 * (a {@code RuleSet} header, then {@code RuleTable} blocks of a type row, an object row, a code row, a heading row and
 * one rule per row below), which an officer opens in Excel. This class reads the cells (CSV UTF-8 with or without
 * BOM; the first sheet of an .xlsx; a cell ending in {@code ...} spans the cells after it that hold only {@code ...},
 * as Drools' CSV format has it), checks each value against the code it fills in — a number where the code takes a
 * number, no empty cell where the rule would lose part of its action — and hands the cells to Drools' rule-sheet
 * listener, which writes the rules. Every mistake is reported at the table's file, row and column.
 */
final class DecisionTable {

    /** A policy table is a screenful of rows: these bound a hostile or mistaken file. */
    static final int MAX_BYTES = 1 << 20;
    static final int MAX_ROWS = 2_000;
    static final int MAX_CELL_CHARS = 500;

    /** A value the code takes as a number: plain decimals, as the rule would write them. */
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d{0,14})(\\.\\d{1,10})?");
    /** A number as Excel users type it, with thousands separators: 1,000. */
    private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    /** {@code $param} outside quotes: the code takes the cell as a number. */
    private static final Pattern BARE_PARAM = Pattern.compile("(?<!\")\\$param(?!\")");
    private static final String RULE_TABLE = "ruletable";
    /** Rows of a rule table, counted from its {@code RuleTable} row (Drools' layout). */
    private static final int TYPE_ROW = 1;
    private static final int OBJECT_ROW = 2;
    private static final int CODE_ROW = 3;
    private static final int HEADING_ROW = 4;

    /**
     * One column of a rule table, as its heading rows define it.
     *
     * @param binds true when the column opens the pattern the actions name ({@code $d : Directed...})
     */
    record Column(int index, String type, String code, String heading, boolean binds) {

        boolean condition() {
            return type.startsWith("C");
        }

        boolean action() {
            return type.startsWith("A");
        }

        /** The code takes the cell as a number. */
        boolean numeric() {
            return BARE_PARAM.matcher(code).find();
        }

        /**
         * A condition may be left empty (the row does not ask it); an action may only when its code is a part of a
         * call chain ({@code .from($param)}) that the row's statement stands without.
         */
        boolean required() {
            if (condition()) {
                // a marker (○) in the column that opens the actions' pattern: left empty, Drools drops the pattern
                // and the row's rule names a fact it does not have (and would apply to every fact besides)
                return binds && !code.contains("$param");
            }
            if (!action()) {
                return false;
            }
            String c = code.strip();
            return !(c.startsWith(".") && c.chars().filter(ch -> ch == '(').count()
                    == c.chars().filter(ch -> ch == ')').count());
        }

        /** {@code 「下限」(B列)}: how an officer finds the column. */
        String named() {
            return (heading.isBlank() ? "" : "「" + heading + "」") + "(" + letter(index) + "列)";
        }
    }

    /** The rules Drools wrote from the table, and where each of its lines came from. */
    record Compiled(String drl, List<Integer> rowOfLine, List<List<Column>> tables, List<String> tableNames) {

        /** The spreadsheet row a line of {@link #drl} was written from (1-based line), 0 before the first rule. */
        int rowOf(int line) {
            return line >= 1 && line <= rowOfLine.size() ? rowOfLine.get(line - 1) : 0;
        }

        /** The column of table {@code table} whose code calls {@code part} ({@code from} for {@code .from($param)}). */
        Column column(String table, String part) {
            int i = tableNames.indexOf(table);
            if (i < 0) {
                return null;
            }
            Pattern call = Pattern.compile("(^|[.\\s(])" + Pattern.quote(part) + "\\s*\\(");
            return tables.get(i).stream().filter(c -> call.matcher(c.code()).find()).findFirst().orElse(null);
        }
    }

    private DecisionTable() {
    }

    /** True for a file a rule folder holds as a decision table. */
    static boolean isTable(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".xlsx");
    }

    /** Reads, checks and compiles {@code file}; a mistake is a {@link RuleSetException} at its row and column. */
    static Compiled compile(Path file) {
        List<List<String>> cells = cells(file);
        List<RuleProblem> problems = new ArrayList<>();
        List<List<Column>> tables = new ArrayList<>();
        List<String> names = new ArrayList<>();
        check(file, cells, problems, tables, names);
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        DefaultRuleSheetListener listener = new DefaultRuleSheetListener();
        try {
            feed(cells, listener);
            DRLOutput out = new DRLOutput();
            listener.getRuleSet().renderDRL(out);
            String drl = out.getDRL();
            return new Compiled(drl, rowsOf(drl), tables, names);
        } catch (DecisionTableParseException | IllegalArgumentException | IllegalStateException e) {
            throw new RuleSetException(new RuleProblem(file.toString(), rowIn(e.getMessage()),
                    "表の形が Drools の決定表になっていません (not a Drools decision table): " + e.getMessage()));
        }
    }

    /** Drools names a cell {@code B7} in its messages: the row, for the location. */
    private static int rowIn(String message) {
        java.util.regex.Matcher m = Pattern.compile("\\b[A-Z]{1,3}(\\d{1,6})\\b").matcher(String.valueOf(message));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The cells of the file, row by row; a number as Excel users type it (全角, 1,000) written as the rule takes it. */
    private static List<List<String>> cells(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new RuleSetException(new RuleProblem(file.toString(), 0, "表が大きすぎます (the table is over "
                        + (MAX_BYTES >> 10) + " KB; a policy table is a screenful of rows)"));
            }
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
                return KpiXlsx.cells(file, MAX_ROWS);
            }
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            List<String> lines = text.lines().toList();
            if (lines.size() > MAX_ROWS) {
                throw new RuleSetException(new RuleProblem(file.toString(), MAX_ROWS + 1, "表の行が多すぎます (more"
                        + " than " + MAX_ROWS + " rows)"));
            }
            CsvLineParser parser = new CsvLineParser();
            List<List<String>> cells = new ArrayList<>();
            for (String line : lines) {
                cells.add(parser.parse(line));
            }
            return cells;
        } catch (CharacterCodingException e) {
            throw new RuleSetException(new RuleProblem(file.toString(), 0, "UTF-8 の CSV ではありません: Excel では"
                    + "「CSV UTF-8 (コンマ区切り)」で保存してください (the table is not UTF-8 text)"));
        } catch (DataException e) {
            jp.kpireview.domain.DataProblem first = e.problems().get(0);
            throw new RuleSetException(new RuleProblem(file.toString(), 0, first.message()));
        } catch (IOException e) {
            throw new RuleSetException(new RuleProblem(file.toString(), 0, "cannot read the table: " + e.getMessage()));
        }
    }

    /** Finds each rule table's columns and checks every value below them. */
    private static void check(Path file, List<List<String>> cells, List<RuleProblem> problems,
            List<List<Column>> tables, List<String> names) {
        for (int r = 0; r < cells.size(); r++) {
            int start = tableStart(cells.get(r));
            if (start < 0) {
                continue;
            }
            names.add(cell(cells, r, start).strip().substring(RULE_TABLE.length()).strip());
            List<Column> columns = new ArrayList<>();
            List<String> types = cells.size() > r + TYPE_ROW ? cells.get(r + TYPE_ROW) : List.of();
            for (int c = start; c < types.size(); c++) {
                String type = types.get(c).strip().toUpperCase(Locale.ROOT);
                if (!type.isEmpty()) {
                    columns.add(new Column(c, type, cell(cells, r + CODE_ROW, c), cell(cells, r + HEADING_ROW, c)
                            .strip(), cell(cells, r + OBJECT_ROW, c).strip().startsWith("$")));
                }
            }
            tables.add(columns);
            int row = r + HEADING_ROW + 1;
            for (; row < cells.size() && !blank(cells.get(row), start); row++) {
                for (Column column : columns) {
                    checkValue(file, row, column, cells, problems);
                }
            }
            if (row == r + HEADING_ROW + 1) {
                problems.add(new RuleProblem(file.toString(), row + 1, "表 " + names.get(names.size() - 1)
                        + " に行がありません (the table has no rows under its headings)"));
            }
            // a blank row ends a rule table for Drools: rows written below it would be dropped without a word
            int after = row + 1;
            while (after < cells.size() && blank(cells.get(after), start) && tableStart(cells.get(after)) < 0) {
                after++;
            }
            if (row < cells.size() && after < cells.size() && tableStart(cells.get(after)) < 0) {
                problems.add(new RuleProblem(file.toString(), row + 1, "空の行があります: 表 "
                        + names.get(names.size() - 1) + " はここで終わり、" + (after + 1) + " 行目から下の行が読まれません。"
                        + "空の行を消してください (a blank row ends the table: the rows below it would be dropped)"));
            }
            r = row;
        }
    }

    private static void checkValue(Path file, int row, Column column, List<List<String>> cells,
            List<RuleProblem> problems) {
        if (!column.condition() && !column.action()) {
            return;
        }
        String value = cell(cells, row, column.index()).strip();
        String where = column.named() + ": ";
        if (value.isEmpty()) {
            if (column.required()) {
                problems.add(new RuleProblem(file.toString(), row + 1, where + "空欄です。この列は必ず書きます"
                        + " (an empty cell: the rule needs this value)"));
            }
            return;
        }
        if (value.length() > MAX_CELL_CHARS) {
            problems.add(new RuleProblem(file.toString(), row + 1, where + "長すぎます (over " + MAX_CELL_CHARS
                    + " characters)"));
        } else if (column.numeric()) {
            String number = asNumber(value);
            if (number == null) {
                problems.add(new RuleProblem(file.toString(), row + 1, where + "'" + value + "' は数ではありません。"
                        + "数を書きます (例: 50、49.5、-100) (a number belongs here)"));
            } else {
                setCell(cells, row, column.index(), number);
            }
        } else if (value.chars().anyMatch(ch -> ch == '"' || ch == '\\' || Character.isISOControl(ch))) {
            problems.add(new RuleProblem(file.toString(), row + 1, where + "'" + value + "' に \" や \\ は書けません"
                    + " (quotes and backslashes cannot be written in a table cell)"));
        }
    }

    /** The number as the rule writes it (100, -5, 49.5), or null when the text is none. */
    static String asNumber(String value) {
        String v = Normalizer.normalize(value, Normalizer.Form.NFKC).strip().replace('−', '-');
        if (GROUPED.matcher(v).matches()) {
            v = v.replace(",", "");
        }
        if (v.startsWith("+")) {
            v = v.substring(1);
        }
        return NUMBER.matcher(v).matches() ? v : null;
    }

    /** Gives Drools' listener the cells as its CSV parser would, "..." ending a merged cell included. */
    private static void feed(List<List<String>> cells, DataListener listener) {
        listener.startSheet("table");
        for (int r = 0; r < cells.size(); r++) {
            List<String> row = cells.get(r);
            listener.newRow(r, row.size());
            int merged = DataListener.NON_MERGED;
            String mergedText = "";
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                if (cell.endsWith("...") && merged == DataListener.NON_MERGED) {
                    merged = c;
                    mergedText = cell.substring(0, cell.length() - 3);
                } else if (!cell.endsWith("...")) {
                    merged = DataListener.NON_MERGED;
                }
                // a cell "..." continues the one before it, as a merged cell of a workbook does: it carries its text
                listener.newCell(r, c, merged != DataListener.NON_MERGED ? mergedText : cell, merged);
            }
        }
        listener.finishSheet();
    }

    /** For each line of the DRL Drools wrote, the spreadsheet row of the rule it belongs to ({@code 区分表_7}). */
    private static List<Integer> rowsOf(String drl) {
        Pattern header = Pattern.compile("^rule \".*_(\\d+)\"");
        List<Integer> rows = new ArrayList<>();
        int row = 0;
        for (String line : drl.lines().toList()) {
            java.util.regex.Matcher m = header.matcher(line);
            if (m.find()) {
                row = Integer.parseInt(m.group(1));
            }
            rows.add(row);
        }
        return rows;
    }

    private static int tableStart(List<String> row) {
        for (int c = 0; c < row.size(); c++) {
            String v = row.get(c).strip().toLowerCase(Locale.ROOT);
            if (v.equals(RULE_TABLE) || v.startsWith(RULE_TABLE + " ")) {
                return c;
            }
        }
        return -1;
    }

    private static boolean blank(List<String> row, int from) {
        return row.stream().skip(from).allMatch(String::isBlank);
    }

    private static String cell(List<List<String>> cells, int row, int column) {
        return row < cells.size() && column < cells.get(row).size() ? cells.get(row).get(column) : "";
    }

    private static void setCell(List<List<String>> cells, int row, int column, String value) {
        List<String> r = new ArrayList<>(cells.get(row));
        r.set(column, value);
        cells.set(row, r);
    }

    /** A, B, … Z, AA: the column as a spreadsheet names it. */
    static String letter(int index) {
        StringBuilder s = new StringBuilder();
        for (int i = index; i >= 0; i = i / 26 - 1) {
            s.insert(0, (char) ('A' + i % 26));
        }
        return s.toString();
    }
}
