package jp.kpireview.rulebase;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kpireview.domain.DataException;
import jp.kpireview.io.DataColumns;
import jp.kpireview.io.KpiXlsx;
import jp.kpireview.io.TextFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.drools.template.parser.DataListener;
import org.drools.template.parser.TemplateDataListener;

/**
 * A policy table beside the DRL (区分表.csv, 許容幅.csv, or an .xlsx workbook): the headings in the first row and one row
 * of values a rule below them, nothing else, so an officer edits it in Excel like any list. The rule template of the
 * same name ({@code 区分表.drt}, see {@link RuleTemplate}) turns each row into a rule, through Drools' own template
 * engine. This class reads the cells (CSV UTF-8 with or without BOM; the first sheet of an .xlsx), checks the headings
 * against the template's, and every value against its column — a number where the rule takes a number, no empty cell
 * the template does not allow, no blank row with rows below it — before any rule is written, so every mistake is
 * reported at the table's file, row and column, in Japanese.
 */
final class RuleTable {

    /** A policy table is a screenful of rows: these bound a hostile or mistaken file. */
    static final int MAX_BYTES = 1 << 20;
    static final int MAX_ROWS = 2_000;
    static final int MAX_CELL_CHARS = 500;

    /** A number as Excel users type it, with thousands separators: 1,000. */
    private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern RULE = Pattern.compile("^rule \"(.*)\"");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();

    /**
     * The rules the template wrote from the table, and where each of their lines came from.
     *
     * @param name       the table's name, its file name without the extension ({@code 区分表}); its rules are named
     *                   {@code 区分表_<row>}
     * @param rowOfLine  the table row each line of {@link #drl} was written from (0 before the first rule)
     * @param sourceLine the template line each line of {@link #drl} was written from (0 when not known)
     * @param columnAt   the table's column of each of the template's columns, by the template's name for it
     */
    record Compiled(String name, Path file, String drl, List<Integer> rowOfLine, List<Integer> sourceLine,
            RuleTemplate template, Map<String, Integer> columnAt) {

        /** The table row a line of {@link #drl} was written from (1-based line), 0 before the first rule. */
        int rowOf(int line) {
            return line >= 1 && line <= rowOfLine.size() ? rowOfLine.get(line - 1) : 0;
        }

        /**
         * A problem Drools found in the rules written from the table: the cells were checked before, so it is the
         * template's, at the template's line, naming the row the rule was written for.
         */
        RuleProblem problemAt(int line, String message) {
            int source = line >= 1 && line <= sourceLine.size() ? sourceLine.get(line - 1) : 0;
            int row = rowOf(line);
            return new RuleProblem(template.file().toString(), source, (row > 0 ? file.getFileName() + " の " + row
                    + " 行目から作ったルール: " : "") + message);
        }

        /** {@code 「下限」(B列)}: the column whose value the call {@code part} takes, as an officer finds it. */
        String columnNamed(String part) {
            RuleTemplate.Column column = template.columnOf(part);
            Integer at = column == null ? null : columnAt.get(column.name());
            return at == null ? "" : named(column, at);
        }
    }

    private RuleTable() {
    }

    /** True for a file a rule folder holds as a table. */
    static boolean isTable(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".xlsx");
    }

    /** The table's name: its file name without the extension ({@code 区分表}). */
    static String nameOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** Reads, checks and writes the rules of {@code file} with {@code template}; a mistake is located. */
    static Compiled compile(Path file, RuleTemplate template) {
        List<List<String>> cells = cells(file);
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, Integer> columnAt = headings(file, cells, template, problems);
        int last = lastRow(cells);
        if (problems.isEmpty() && last < 1) {
            problems.add(new RuleProblem(file.toString(), 2, "表に行がありません: 見出しの下に 1 行以上書きます"
                    + " (the table has no rows under its headings)"));
        }
        if (problems.isEmpty()) {
            for (int r = 1; r <= last; r++) {
                checkRow(file, cells, r, template, columnAt, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        TemplateDataListener listener = new TemplateDataListener(template.container());
        listener.startSheet(nameOf(file.getFileName().toString()));
        for (int r = 1; r <= last; r++) {
            // Drools' row number is the spreadsheet's: the rule of row 3 is 区分表_3 (@{row.rowNumber})
            listener.newRow(r + 1, template.columns().size());
            for (int c = 0; c < template.columns().size(); c++) {
                String value = value(cells, r, columnAt.get(template.columns().get(c).name()));
                if (template.columns().get(c).number() && !value.isEmpty()) {
                    value = asNumber(value);
                }
                listener.newCell(r + 1, c, value.isEmpty() ? null : value, DataListener.NON_MERGED);
            }
        }
        listener.finishSheet();
        String drl;
        try {
            drl = listener.renderDRL();
        } catch (RuntimeException e) {
            throw new RuleSetException(new RuleProblem(template.file().toString(), 0, "テンプレートからルールを"
                    + "書けません (the template cannot be rendered): " + e.getMessage()));
        }
        return lines(nameOf(file.getFileName().toString()), file, drl, template, columnAt);
    }

    /** The cells of the file, row by row (a blank row kept as an empty one). */
    private static List<List<String>> cells(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new RuleSetException(new RuleProblem(file.toString(), 0, "表が大きすぎます: 方針の表は "
                        + (MAX_BYTES >> 10) + " KB までです (the table is too large)"));
            }
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
                return KpiXlsx.cells(file, MAX_ROWS);
            }
            String text = TextFiles.readUtf8(file);
            List<List<String>> cells = new ArrayList<>();
            try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
                for (CSVRecord record : parser) {
                    if (cells.size() >= MAX_ROWS) {
                        throw new RuleSetException(new RuleProblem(file.toString(), MAX_ROWS + 1, "表の行が多すぎます: "
                                + MAX_ROWS + " 行までです (too many rows)"));
                    }
                    cells.add(record.toList());
                }
            } catch (java.io.UncheckedIOException e) {
                throw new RuleSetException(new RuleProblem(file.toString(), cells.size() + 1, "CSV として読めません:"
                        + " 引用符 (\") の対応を確かめてください (the CSV cannot be read)"));
            }
            return cells;
        } catch (CharacterCodingException e) {
            throw new RuleSetException(new RuleProblem(file.toString(), 0, "UTF-8 の CSV ではありません: Excel では"
                    + "「CSV UTF-8 (コンマ区切り)」で保存してください (the table is not UTF-8 text)"));
        } catch (DataException e) {
            throw new RuleSetException(new RuleProblem(file.toString(), 0, e.problems().get(0).message()));
        } catch (IOException e) {
            throw new RuleSetException(new RuleProblem(file.toString(), 0, "表を読めません (cannot read the table): "
                    + e.getMessage()));
        }
    }

    /** The table's column of each template column, from the first row; every heading must be the template's. */
    private static Map<String, Integer> headings(Path file, List<List<String>> cells, RuleTemplate template,
            List<RuleProblem> problems) {
        Map<String, Integer> at = new HashMap<>();
        List<String> headings = cells.isEmpty() ? List.of() : cells.get(0);
        String expected = String.join("、", template.columns().stream().map(RuleTemplate.Column::heading).toList());
        for (int c = 0; c < headings.size(); c++) {
            String heading = headings.get(c).strip();
            if (heading.isEmpty()) {
                continue;
            }
            RuleTemplate.Column column = template.byHeading(heading);
            if (column == null) {
                problems.add(new RuleProblem(file.toString(), 1, "「" + heading + "」(" + DataColumns.letter(c)
                        + "列) は " + template.fileName() + " の見出しにありません。見出しは " + expected + " です"
                        + " (a heading the table's template does not have)"));
            } else if (at.putIfAbsent(column.name(), c) != null) {
                problems.add(new RuleProblem(file.toString(), 1, "「" + heading + "」の列が二つあります ("
                        + DataColumns.letter(at.get(column.name())) + "列と " + DataColumns.letter(c)
                        + "列) (a heading written twice)"));
            }
        }
        for (RuleTemplate.Column column : template.columns()) {
            if (!at.containsKey(column.name())) {
                problems.add(new RuleProblem(file.toString(), 1, "「" + column.heading() + "」の列がありません。1 行目"
                        + "の見出しは " + expected + " です (the table lacks a column of its template)"));
            }
        }
        return at;
    }

    /** The last row with a value (0 when none below the headings): blank rows after it are no rows. */
    private static int lastRow(List<List<String>> cells) {
        int last = cells.size() - 1;
        while (last >= 1 && blank(cells.get(last))) {
            last--;
        }
        return Math.max(last, 0);
    }

    private static void checkRow(Path file, List<List<String>> cells, int r, RuleTemplate template,
            Map<String, Integer> columnAt, List<RuleProblem> problems) {
        List<String> row = cells.get(r);
        if (blank(row)) {
            // Drools' own tables end at a blank row, dropping the rows below it without a word: here it is an error
            problems.add(new RuleProblem(file.toString(), r + 1, "空の行があります: 表の途中の空の行を消してください"
                    + " (下の行も表の行です) (a blank row inside the table)"));
            return;
        }
        for (int c = 0; c < row.size(); c++) {
            if (!row.get(c).isBlank() && !columnAt.containsValue(c)) {
                problems.add(new RuleProblem(file.toString(), r + 1, DataColumns.letter(c) + "列: "
                        + DataColumns.valueWithoutHeading(row.get(c).strip())));
            }
        }
        for (RuleTemplate.Column column : template.columns()) {
            int c = columnAt.get(column.name());
            String value = value(cells, r, c);
            String where = named(column, c) + ": ";
            if (value.isEmpty()) {
                if (!column.optional()) {
                    problems.add(new RuleProblem(file.toString(), r + 1, where + "空欄です。この列は必ず書きます"
                            + " (an empty cell: the rule needs this value)"));
                }
            } else if (value.length() > MAX_CELL_CHARS) {
                problems.add(new RuleProblem(file.toString(), r + 1, where + "長すぎます: " + MAX_CELL_CHARS
                        + " 文字までです (too long)"));
            } else if (column.number() && asNumber(value) == null) {
                problems.add(new RuleProblem(file.toString(), r + 1, where + "'" + value + "' は数ではありません。"
                        + "数を書きます (例: 50、49.5、-100) (a number belongs here)"));
            } else if (value.chars().anyMatch(ch -> ch == '"' || ch == '\\' || Character.isISOControl(ch))) {
                problems.add(new RuleProblem(file.toString(), r + 1, where + "'" + value + "' に \" や \\ や改行は"
                        + "書けません (quotes, backslashes and line breaks cannot be written in a table cell)"));
            }
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
        return TableNumber.isPlain(v) ? v : null;
    }

    /** For each line of the DRL, the table row and the template line it was written from. */
    private static Compiled lines(String name, Path file, String drl, RuleTemplate template,
            Map<String, Integer> columnAt) {
        List<String> templateLines = template.text().lines().toList();
        List<Integer> rows = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        int row = 0;
        int blockStart = -1;
        List<String> lines = drl.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = RULE.matcher(lines.get(i));
            boolean header = m.find();
            if (header && template.startsRow(m.group(1))) {
                row = rowNumber(name, m.group(1));
                blockStart = i;
            }
            rows.add(row);
            // Drools writes a row's rules line for line from the template's (blank lines left out); a line before the
            // first rule is the template's text as it stands
            int offset = i - blockStart;
            int source = blockStart >= 0 && offset < template.bodyLines().size() ? template.bodyLines().get(offset)
                    : templateLines.indexOf(lines.get(i)) + 1;
            sources.add(source);
            // every rule is named after the table and its row (区分表_3): explain, validate and the errors of a bad
            // value find the row by it
            if (header && rowNumber(name, m.group(1)) == 0) {
                throw new RuleSetException(new RuleProblem(template.file().toString(), source, "テンプレートのルール名は"
                        + "表の名前と行番号にします: rule \"" + name + "_@{row.rowNumber}\" (a table's rule is named after"
                        + " the table and its row)"));
            }
        }
        if (rows.stream().noneMatch(r -> r > 0)) {
            throw new RuleSetException(new RuleProblem(template.file().toString(), 0, "テンプレートが表の行から"
                    + "ルールを作りません: template \"" + name + "\" と書きます (the template makes no rule of the table's"
                    + " rows)"));
        }
        return new Compiled(name, file, drl, List.copyOf(rows), List.copyOf(sources), template, Map.copyOf(columnAt));
    }

    /** The row in a rule's name {@code 区分表_3}; 0 when the name is not the table's. */
    private static int rowNumber(String table, String rule) {
        jp.kpireview.facts.TableRow at = jp.kpireview.facts.TableRow.named(rule);
        return at.table().equals(table) ? at.row() : 0;
    }

    private static String named(RuleTemplate.Column column, int index) {
        return "「" + column.heading() + "」(" + DataColumns.letter(index) + "列)";
    }

    private static boolean blank(List<String> row) {
        return row.stream().allMatch(String::isBlank);
    }

    private static String value(List<List<String>> cells, int row, int column) {
        return row < cells.size() && column < cells.get(row).size() ? cells.get(row).get(column).strip() : "";
    }
}
