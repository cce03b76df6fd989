package jp.kpireview.rulebase;

import jp.kpireview.engine.ReviewEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import jp.kpireview.cli.Cli;
import jp.kpireview.io.KpiData;
import jp.kpireview.io.TestWorkbooks;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy's numbers in a table of headings and values, made into rules by its template: one cell moved gives what
 * the same change written in DRL gives, the table is read from Excel's own formats, a number is taken as an officer
 * types it, and every fault an officer can make in any shipped table is an error at its file, row and column.
 */
class RuleTableTest {

    @TempDir
    Path dir;

    /** Every table shipped with the product or its examples, beside the template that makes its rules. */
    private static List<Path> shippedTables() throws IOException {
        try (var rules = Files.walk(Path.of("rules")); var examples = Files.walk(Path.of("examples"))) {
            return java.util.stream.Stream.concat(rules, examples).filter(f -> f.toString().endsWith(".csv")
                    && !f.toString().contains("/tests/") && !f.toString().contains("/data/")).sorted().toList();
        }
    }

    /** The policy folder a shipped table belongs to, copied alone with {@code edit} applied to the table. */
    private Path policyWith(Path table, String name, UnaryOperator<String> edit) throws IOException {
        Path folder = table.getParent();
        Path copy = KpiFixture.copyOfPolicy(folder, dir.resolve(name), text -> text);
        Path edited = copy.resolve(table.getFileName());
        Files.writeString(edited, edit.apply(Files.readString(edited)));
        return copy;
    }

    private static String run(String... args) {
        return Cli.run(args);
    }

    /** What refuses {@code rules} when they are read and compiled (not cached): each problem at its place. */
    static List<RuleProblem> refusal(Path rules) {
        return assertThrows(RuleSetException.class, () -> RuleBase.load(rules, null)).problems();
    }

    @Test
    void everyShippedTableIsHeadingsAndValuesOnly() throws IOException {
        List<Path> tables = shippedTables();
        assertTrue(tables.size() >= 8, tables.toString());
        for (Path table : tables) {
            List<String> lines = Files.readString(table).replace("\uFEFF", "").lines().toList();
            Path folder = dir.resolve("pure-" + tables.indexOf(table));
            KpiFixture.copyOfPolicy(table.getParent(), folder, text -> text);
            RuleTemplate template = RuleTemplate.read(folder.resolve(RuleTable.nameOf(table.getFileName()
                    .toString()) + RuleTemplate.EXTENSION));
            assertEquals(template.columns().stream().map(RuleTemplate.Column::heading).toList(),
                    List.of(lines.get(0).split(",")).stream().map(h -> h.replace("\"", "")).toList(), table.toString());
            for (String line : lines) {
                assertTrue(!line.contains("insert") && !line.contains("$") && !line.contains("RuleTable")
                        && !line.contains("Notes"), table + ": " + line);
            }
        }
    }

    /**
     * Each fault an officer can make, planted in every shipped table: an error in Japanese at the table's file, row
     * and column, exit 2 — never a table silently a row short (a blank row above ◎ once evaluated with no ◎ at all).
     */
    @Test
    void everyFaultInEveryShippedTableIsALocatedJapaneseError() throws IOException {
        int planted = 0;
        for (Path table : shippedTables()) {
            List<String> lines = Files.readString(table).replace("\uFEFF", "").lines().toList();
            String[] headings = lines.get(0).split(",", -1);
            String file = table.getFileName().toString();
            int n = shippedTables().indexOf(table);
            if (lines.size() > 2) {
                assertFault(policyWith(table, "blank-" + n, t -> insertLine(t, 2, "")), file, 3,
                        "空の行があります");
                assertFault(policyWith(table, "commas-" + n, t -> insertLine(t, 2, ",".repeat(headings.length - 1))),
                        file, 3, "空の行があります");
            }
            assertFault(policyWith(table, "heading-" + n, t -> t.replaceFirst(java.util.regex.Pattern.quote(
                    headings[0]), "見出し違い")), file, 1, "「見出し違い」(A列) は " + RuleTable.nameOf(file)
                    + ".drt の見出しにありません");
            assertFault(policyWith(table, "extra-" + n, t -> appendToLine(t, 1, ",余り")), file, 2,
                    jp.kpireview.io.DataColumns.letter(headings.length) + "列: 見出しのない列に値 '余り' があります");
            int text = firstTextColumn(table);
            if (text >= 0) {
                assertFault(policyWith(table, "quote-" + n, t -> replaceCell(t, 1, text, "\"a\"\"b\"")), file, 2,
                        "に \" や \\ や改行は書けません");
            }
            int number = firstNumberColumn(table);
            if (number >= 0) {
                assertFault(policyWith(table, "text-" + n, t -> replaceCell(t, 1, number, "五十")), file, 2,
                        "「" + headings[number].replace("\"", "") + "」(" + jp.kpireview.io.DataColumns.letter(number) + "列): '五十' は数"
                        + "ではありません");
            }
            int required = firstRequiredColumn(table);
            boolean onlyValue = replaceCell(lines.get(0) + "\n" + lines.get(1), 1, required, "").lines()
                    .skip(1).allMatch(l -> l.replace(",", "").isBlank());
            // emptying the only value of a one-row table leaves no row at all
            assertFault(policyWith(table, "empty-" + n, t -> replaceCell(t, 1, required, "")), file, 2,
                    onlyValue ? "表に行がありません" : "空欄です。この列は必ず書きます");
            planted++;
        }
        assertTrue(planted >= 8, "tables: " + planted);
    }

    private static void assertFault(Path policy, String file, int row, String words) {
        String validate = run("validate", "--rules", policy.toString());
        assertTrue(validate.startsWith("2\n") && validate.contains(policy.resolve(file) + ":" + row + ": ")
                && validate.contains(words), validate);
        String evaluate = run("evaluate", "--rules", policy.toString(), "--data", "seeds/otaru-h30.csv", "--year",
                "FY2018", "--out", policy.resolve("out").toString());
        assertTrue(evaluate.startsWith("2\n") && evaluate.contains(words), evaluate);
    }

    private static String insertLine(String text, int at, String line) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        lines.add(at, line);
        return String.join("\n", lines) + "\n";
    }

    private static String appendToLine(String text, int at, String suffix) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        lines.set(at, lines.get(at) + suffix);
        return String.join("\n", lines) + "\n";
    }

    private static String replaceCell(String text, int row, int column, String value) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        String[] cells = lines.get(row).split(",", -1);
        cells[column] = value;
        lines.set(row, String.join(",", cells));
        return String.join("\n", lines) + "\n";
    }

    private static RuleTemplate templateOf(Path table) {
        String name = RuleTable.nameOf(table.getFileName().toString()) + RuleTemplate.EXTENSION;
        return RuleTemplate.read(RuleFiles.of(table.getParent()).stream().filter(f -> f.name().equals(name))
                .findFirst().orElseThrow().path());
    }

    private static int firstNumberColumn(Path table) {
        return templateOf(table).columns().stream().filter(RuleTemplate.Column::number).findFirst()
                .map(templateOf(table).columns()::indexOf).orElse(-1);
    }

    private static int firstTextColumn(Path table) {
        return templateOf(table).columns().stream().filter(c -> !c.number()).findFirst()
                .map(templateOf(table).columns()::indexOf).orElse(-1);
    }

    private static int firstRequiredColumn(Path table) {
        return templateOf(table).columns().stream().filter(c -> !c.optional()).findFirst()
                .map(templateOf(table).columns()::indexOf).orElseThrow();
    }

    /** The band scale as bands.drl wrote it before the table, with ◎ from {@code top}. */
    private static String drlScale(int top) {
        return "package kpireview.rules;\n\nimport jp.kpireview.facts.BandScale;\n\n"
                + "// 方針: × 基準未満 · ● 0~50 · ○ 50~100 · ◎ 100以上 (◎ は " + top + " から)。\n"
                + "rule \"区分の並び\"\nwhen\nthen\n    insert( BandScale.startingWith(\"×\", \"基準未満\")\n"
                + "            .from(0, \"●\", \"0~50\")\n            .from(50, \"○\", \"50~100\")\n"
                + "            .from(" + top + ", \"◎\", \"100以上\") );\nend\n";
    }

    /** A copy of rules/ whose band table says ◎ from 90: one cell changed. */
    private Path tableAt90(String name) throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve(name), text -> text.replace("◎,100,100以上", "◎,90,100以上"));
        assertTrue(Files.readString(rules.resolve("区分表.csv")).contains("◎,90,"));
        return rules;
    }

    /** The same change as the DRL edit of before: the table replaced by the scale written in bands.drl. */
    private Path drlAt90() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("drl"), text -> text);
        Files.delete(rules.resolve("区分表.csv"));
        Files.delete(rules.resolve("区分表.drt"));
        Files.writeString(rules.resolve("bands.drl"), drlScale(90));
        return rules;
    }

    @Test
    void movingTheTopEdgeInOneCellGivesWhatTheDrlEditGives() throws IOException {
        Path table = tableAt90("table");
        Path drl = drlAt90();
        var kpis = KpiData.read(Path.of("seeds/otaru-h30.csv"));
        var byTable = new ReviewEngine(RuleBase.load(table)).evaluate(kpis, 2018);
        var byDrl = new ReviewEngine(RuleBase.load(drl)).evaluate(kpis, 2018);
        assertEquals(byDrl.bands(), byTable.bands());
        for (int i = 0; i < byDrl.evaluations().size(); i++) {
            var d = byDrl.evaluations().get(i);
            var t = byTable.evaluations().get(i);
            assertEquals(java.util.Arrays.asList(d.band(), d.score(), d.achieved(), d.status()),
                    java.util.Arrays.asList(t.band(), t.score(), t.achieved(), t.status()), d.kpi().id());
        }
        String diffTable = run("diff", "--rules", "rules", "--rules", table.toString(), "--data", "seeds/otaru-h30.csv",
                "--years", "FY2018", "--out", dir.resolve("d1").toString());
        String diffDrl = run("diff", "--rules", "rules", "--rules", drl.toString(), "--data", "seeds/otaru-h30.csv",
                "--years", "FY2018", "--out", dir.resolve("d2").toString());
        assertTrue(diffTable.contains("区分か☆が変わるもの 5")
                && diffTable.contains("; ◎: 下限 100 → 90 (区分表 5行目)"), diffTable);
        // the same diff, but that the table's says which row the changed band is written in
        diffTable = diffTable.replace(" (区分表 5行目)", "");
        assertEquals(diffDrl.replace(drl.toString(), "X").replaceAll("drl@\\w+", "X@").replace("d2", "out"),
                diffTable.replace(table.toString(), "X").replaceAll("table@\\w+", "X@").replace("d1", "out"));
        String validateTable = run("validate", "--rules", table.toString());
        String validateDrl = run("validate", "--rules", drl.toString());
        assertEquals(verdict(validateDrl), verdict(validateTable));
        assertTrue(validateTable.contains("◎ 90 から"), validateTable);
    }

    /** validate's verdict and its findings about the bands, without the file listing. */
    private static List<String> verdict(String validate) {
        return validate.lines().filter(l -> l.startsWith("  区分:") || l.equals("問題なし") || l.startsWith("誤りがあります")
                || l.matches("\\d")).toList();
    }

    @Test
    void theTableIsReadFromAWorkbookToo() throws IOException {
        Path rules = tableAt90("xlsx");
        Path csv = rules.resolve("区分表.csv");
        TestWorkbooks.workbook(rules.resolve("区分表.xlsx"), Files.readString(csv).replace("\uFEFF", "").lines()
                .toList());
        Files.delete(csv);
        var kpis = KpiData.read(Path.of("seeds/otaru-h30.csv"));
        var fromXlsx = new ReviewEngine(RuleBase.load(rules)).evaluate(kpis, 2018);
        var fromCsv = new ReviewEngine(RuleBase.load(tableAt90("csv"))).evaluate(kpis, 2018);
        assertEquals(fromCsv.bands(), fromXlsx.bands());
        assertEquals(fromCsv.evaluations().stream().map(e -> e.band()).toList(),
                fromXlsx.evaluations().stream().map(e -> e.band()).toList());
    }

    /** A blank row of a workbook (Excel keeps no cells for it) is found as one, as in a CSV. */
    @Test
    void aBlankRowOfAWorkbookIsAnErrorAtItsRow() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("xlsx-blank"), text -> text);
        Path csv = rules.resolve("区分表.csv");
        List<List<String>> rows = new ArrayList<>(Files.readString(csv).replace("\uFEFF", "").lines()
                .map(l -> List.of(l.split(",", -1))).toList());
        rows.add(4, List.of());
        TestWorkbooks.workbookOf(rules.resolve("区分表.xlsx"), rows);
        Files.delete(csv);
        List<RuleProblem> problems = refusal(rules);
        assertEquals(List.of(new RuleProblem(rules.resolve("区分表.xlsx").toString(), 5, "空の行があります: 表の途中の"
                + "空の行を消してください (下の行も表の行です) (a blank row inside the table)")), problems);
    }

    @Test
    void aNumberIsTakenAsAnOfficerTypesIt() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("wide"), text -> text.replace("◎,100,", "◎,１００,")
                .replace("-100,100", "\"-1,000\",\"1,000\""));
        String validate = run("validate", "--rules", rules.toString());
        // no scenarios in the copy: a warning, no error
        assertTrue(validate.startsWith("1\n") && validate.contains("◎ 100 から。")
                && validate.contains("スコアは -1000.00 から 1000.00 まで"), validate);
        assertEquals("100", RuleTable.asNumber("１００"));
        assertEquals("-1000", RuleTable.asNumber("−1,000"));
        assertEquals(null, RuleTable.asNumber("08"));
        assertEquals(null, RuleTable.asNumber("1e9999"));
    }

    @Test
    void aTableSavedInShiftJisIsALocatedError() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("sjis"), text -> text);
        Path table = rules.resolve("区分表.csv");
        Files.write(table, Files.readString(table).replace("\uFEFF", "").getBytes(Charset.forName("Shift_JIS")));
        String validate = run("validate", "--rules", rules.toString());
        assertTrue(validate.startsWith("2\n") && validate.contains(table + ": UTF-8 の CSV ではありません"), validate);
    }

    @Test
    void aGradeRowCountingABandTheScaleHasNotIsALocatedError() throws IOException {
        Path policy = KpiFixture.copyOfPolicy(Path.of("examples/policies/project-grade"), dir.resolve("graded"),
                text -> text.replace("順調,70,○ ◎", "順調,70,○ ◉"));
        String validate = run("validate", "--rules", policy.toString());
        assertTrue(validate.startsWith("2\n") && validate.contains(policy.resolve("評価.csv") + ":2: 「数える区分"
                + " (空白で区切る)」(C列): 区分 '◉' は区分表にありません"), validate);
        String grades = run("evaluate", "--rules", "examples/policies/project-grade", "--data", "seeds/otaru-h30.csv",
                "--year", "FY2018", "--out", dir.resolve("graded-out").toString());
        assertTrue(grades.contains("☆3  評価 概ね順調") && grades.contains("☆0  評価 遅れ"), grades);
    }

    @Test
    void explainNamesTheTableRowsAResultCameFrom() {
        String explain = run("explain", "--data", "seeds/otaru-h30.csv", "--year", "FY2018", "--kpi", "25");
        assertTrue(explain.contains("許容幅_2 (許容幅.csv:2)") && explain.contains("許容幅 2行目")
                && explain.contains("区分表 4行目") && explain.contains("スコアの範囲 2行目"), explain);
    }

    /** Columns in another order are still read by their headings. */
    @Test
    void columnsAreFoundByTheirHeadingsInAnyOrder() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("order"), text -> text);
        Path table = rules.resolve("区分表.csv");
        List<String> swapped = Files.readString(table).replace("\uFEFF", "").lines().map(l -> {
            String[] c = l.split(",", -1);
            return c[2] + "," + c[0] + "," + c[1];
        }).toList();
        Files.write(table, swapped);
        var kpis = KpiData.read(Path.of("seeds/otaru-h30.csv"));
        assertEquals(new ReviewEngine(RuleBase.load(Path.of("rules"))).evaluate(kpis, 2018).evaluations().stream()
                .map(e -> e.band()).toList(), new ReviewEngine(RuleBase.load(rules, null)).evaluate(kpis, 2018)
                .evaluations().stream().map(e -> e.band()).toList());
    }

    /** A mistake in the template is at the template's line, naming the row the rule was written for. */
    @Test
    void aMistakeInTheTemplateIsAtItsLine() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("template"), text -> text);
        Path template = rules.resolve("区分表.drt");
        Files.writeString(template, Files.readString(template).replace(".named(", ".labelled("));
        List<RuleProblem> problems = refusal(rules);
        // Drools places an error of an action at its rule; kpi-review at the line that holds the name it is about
        int line = Files.readAllLines(template).indexOf("            .labelled(\"@{label}\") );") + 1;
        assertTrue(problems.size() == 1 && problems.get(0).file().equals(template.toString())
                && problems.get(0).line() == line && problems.get(0).message().matches("区分表.csv の [2-5] 行目から"
                + "作ったルール: BandRow に labelled という操作はありません.*"), problems.toString());
    }

    @Test
    void aTemplateColumnWithoutItsHeadingIsAnErrorAtItsLine() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("undeclared"), text -> text);
        Path template = rules.resolve("区分表.drt");
        Files.writeString(template, Files.readString(template).replace("// 列 lower = 下限 [数, 空欄可]\n", ""));
        List<RuleProblem> problems = refusal(rules);
        assertEquals(List.of(new RuleProblem(template.toString(), 3, "列 lower の見出しがありません: 「// 列 lower ="
                + " 見出し」の行を書きます (the column needs its heading)")), problems);
    }

    @Test
    void aTableWithoutItsTemplateIsAnError() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("no-template"), text -> text);
        Files.delete(rules.resolve("許容幅.drt"));
        List<RuleProblem> problems = refusal(rules);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).toString().startsWith(rules.resolve("許容幅.csv") + ": 表の行をルールにする"
                + "テンプレート 許容幅.drt がありません"), problems.toString());
    }

    /** A template of the folder's own that no table uses would change nothing when edited: an error, not ignored. */
    @Test
    void aTemplateNoTableUsesIsAnError() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("unused"), text -> text);
        Files.delete(rules.resolve("許容幅.csv"));
        Files.writeString(rules.resolve("許容幅.drl"), Files.readString(Path.of(
                "examples/policies/maintain-tolerance/許容幅.drl")));
        List<RuleProblem> problems = refusal(rules);
        assertEquals(List.of(new RuleProblem(rules.resolve("許容幅.drt").toString(), 0, "このテンプレートを使う表"
                + " (許容幅.csv か .xlsx) がありません。表を置くか、テンプレートを消してください (no table uses this"
                + " template)")), problems);
    }
}
