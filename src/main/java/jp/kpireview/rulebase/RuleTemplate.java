package jp.kpireview.rulebase;

import java.io.ByteArrayInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kpireview.io.TextFiles;
import org.drools.template.parser.DefaultTemplateContainer;
import org.drools.template.parser.TemplateContainer;

/**
 * A rule template ({@code 区分表.drt}): Drools' own template format, which turns each row of the table of the same name
 * ({@code 区分表.csv} or {@code 区分表.xlsx}) into one rule, so the table an officer opens in Excel holds its headings
 * and values and nothing else. Drools names a template's columns in ASCII ({@code template header}, one name a line);
 * the template says which heading of the table each one is, one comment line a column:
 * <pre>
 * // 列 lower = 下限 [数, 空欄可]
 * </pre>
 * {@code [数]} marks a column the rule takes as a number, {@code [空欄可]} one a row may leave empty (Drools then leaves
 * out every template line that names it, which is how a row "does not ask" a condition). Every mistake in the template
 * is located at its line.
 *
 * Drools reads a template line by line and leaves out blank lines; a file holds one template ({@code template "区分表"}).
 *
 * @param columns   the columns in Drools' order ({@code template header})
 * @param firstRule the first {@code rule "…"} header of the template, as written ({@code 区分表_@{row.rowNumber}}):
 *                  each row's rules begin with it
 * @param bodyLines the line numbers of the template's rules, blank lines left out as Drools leaves them out: the
 *                  n-th line Drools writes for a row comes from the n-th of these
 */
record RuleTemplate(Path file, String text, List<Column> columns, String firstRule, List<Integer> bodyLines) {

    /** The template of the table {@code 区分表.csv}: {@code 区分表.drt}. */
    static final String EXTENSION = ".drt";

    private static final Pattern DECLARED = Pattern.compile(
            "^\\s*//\\s*列\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.+?)\\s*(?:\\[([^\\]]*)]\\s*)?$");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"(.*)\"");
    private static final Pattern TEMPLATE = Pattern.compile("^\\s*template\\s+\"(.*)\"\\s*$");
    private static final String NUMBER = "数";
    private static final String OPTIONAL = "空欄可";

    /**
     * One column of the table, as the template declares it.
     *
     * @param name     the template's name for it ({@code lower}, written {@code @{lower}} in the rules)
     * @param heading  the table's heading of it ({@code 下限})
     * @param number   the rule takes the cell as a number
     * @param optional a row may leave the cell empty
     */
    record Column(String name, String heading, boolean number, boolean optional) {
    }

    /** Reads and checks the template; a mistake is a {@link RuleSetException} at its line. */
    static RuleTemplate read(Path file) {
        String text;
        try {
            text = TextFiles.readUtf8(file);
        } catch (CharacterCodingException e) {
            throw new RuleSetException(RuleProblem.notUtf8(file));
        }
        List<String> lines = text.lines().toList();
        List<RuleProblem> problems = new ArrayList<>();
        List<String> header = header(file, lines, problems);
        Map<String, Column> declared = new LinkedHashMap<>();
        String firstRule = null;
        List<Integer> bodyLines = new ArrayList<>();
        int templates = 0;
        boolean inRules = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Matcher rule = RULE.matcher(line);
            if (TEMPLATE.matcher(line).matches()) {
                templates++;
            } else if (line.equals("end template")) {
                inRules = false;
            } else if (firstRule == null && rule.find()) {
                firstRule = rule.group(1);
                inRules = true;
            }
            if (inRules && !line.isEmpty()) {
                bodyLines.add(i + 1);
            }
            Matcher m = DECLARED.matcher(lines.get(i));
            if (m.matches()) {
                List<String> options = m.group(3) == null ? List.of()
                        : List.of(m.group(3).strip().split("\\s*[,、]\\s*"));
                for (String option : options) {
                    if (!option.equals(NUMBER) && !option.equals(OPTIONAL)) {
                        problems.add(new RuleProblem(file.toString(), i + 1, "[" + option + "] は列の書き方にありません:"
                                + " [数]、[空欄可]、[数, 空欄可] のどれかです (unknown column option)"));
                    }
                }
                Column column = new Column(m.group(1), m.group(2), options.contains(NUMBER),
                        options.contains(OPTIONAL));
                if (declared.putIfAbsent(column.name(), column) != null) {
                    problems.add(new RuleProblem(file.toString(), i + 1, "列 " + column.name() + " が二度書かれています"
                            + " (the column is declared twice)"));
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        for (String name : header) {
            Column column = declared.remove(name);
            if (column == null) {
                problems.add(new RuleProblem(file.toString(), lines.indexOf(name) + 1, "列 " + name + " の見出しが"
                        + "ありません: 「// 列 " + name + " = 見出し」の行を書きます (the column needs its heading)"));
            } else {
                columns.add(column);
            }
        }
        declared.values().forEach(c -> problems.add(new RuleProblem(file.toString(), lineOf(lines, "列 " + c.name()),
                "列 " + c.name() + " が template header にありません (the column is not in the template header)")));
        if (templates != 1) {
            problems.add(new RuleProblem(file.toString(), 0, "テンプレート (template \"…\" から end template まで) を"
                    + " 1 つ書きます (a file holds one template)"));
        } else if (firstRule == null) {
            problems.add(new RuleProblem(file.toString(), 0, "ルール (rule \"…\") がありません (the template makes no"
                    + " rule)"));
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        return new RuleTemplate(file, text, List.copyOf(columns), firstRule, List.copyOf(bodyLines));
    }

    /** The column names of the {@code template header} block: Drools' first lines, up to {@code package}. */
    private static List<String> header(Path file, List<String> lines, List<RuleProblem> problems) {
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size() || !lines.get(first).strip().equals("template header")) {
            problems.add(new RuleProblem(file.toString(), first + 1, "テンプレートは「template header」の行で始めます"
                    + " (a Drools rule template starts with its header)"));
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = first + 1; i < lines.size() && !lines.get(i).strip().startsWith("package"); i++) {
            String name = lines.get(i).strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                problems.add(new RuleProblem(file.toString(), i + 1, "列の名前 '" + name + "' は英字・数字・_ で"
                        + "書きます (見出しは「// 列 name = 見出し」の行に書きます) (a template column name is ASCII)"));
            } else {
                names.add(name);
            }
        }
        return names;
    }

    private static int lineOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Drools' container of the template, ready to render rows. */
    TemplateContainer container() {
        try {
            return new DefaultTemplateContainer(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw new RuleSetException(new RuleProblem(file.toString(), 0, "テンプレートを読めません (Drools cannot"
                    + " read the template): " + e.getMessage()));
        }
    }

    /** The column named {@code heading} in the table, or null. */
    Column byHeading(String heading) {
        return columns.stream().filter(c -> c.heading().equals(heading)).findFirst().orElse(null);
    }

    /**
     * The column whose value the call {@code part} takes ({@code from} for {@code .from(@{lower})}): the column named
     * inside the call's parentheses on a line of the template; null when no line calls it with a column.
     */
    Column columnOf(String part) {
        Pattern call = Pattern.compile("(^|[.\\s(])" + Pattern.quote(part) + "\\s*\\(([^()]*(\\([^()]*\\))?[^()]*)\\)");
        Pattern named = Pattern.compile("@\\{(\\w+)}");
        for (String line : text.lines().toList()) {
            Matcher m = call.matcher(line);
            while (m.find()) {
                Matcher n = named.matcher(m.group(2));
                while (n.find()) {
                    String name = n.group(1);
                    Column column = columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
                    if (column != null) {
                        return column;
                    }
                }
            }
        }
        return null;
    }

    /** True when {@code generatedName} is the name the template's first rule gets for some row. */
    boolean startsRow(String generatedName) {
        String regex = java.util.Arrays.stream(firstRule.split("@\\{[^}]*}", -1)).map(Pattern::quote)
                .reduce((a, b) -> a + ".*" + b).orElse("");
        return generatedName.matches(regex);
    }

    String fileName() {
        return file.getFileName().toString();
    }
}
