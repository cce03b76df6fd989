package jp.kpireview.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.cli.Cli;
import jp.kpireview.io.KpiData;
import jp.kpireview.rules.KpiFixture;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.drools.decisiontable.parser.csv.CsvLineParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy's numbers in a decision table: one cell moved gives what the same change written in DRL gives, the table
 * is read from Excel's own formats, and a number is taken as an officer types it.
 */
class DecisionTableTest {

    @TempDir
    Path dir;

    /** The band scale as bands.drl wrote it before the table, with ◎ from {@code top}. */
    private static String drlScale(int top) {
        return "package kpireview.rules;\n\nimport jp.kpireview.facts.BandScale;\n\n"
                + "// 方針: × 基準未満 · ● 0~50 · ○ 50~100 · ◎ 100以上 (◎ は " + top + " から)。\n"
                + "rule \"Band scale\"\nwhen\nthen\n    insert( BandScale.startingWith(\"×\", \"基準未満\")\n"
                + "            .from(0, \"●\", \"0~50\")\n            .from(50, \"○\", \"50~100\")\n"
                + "            .from(" + top + ", \"◎\", \"100以上\") );\nend\n";
    }

    /** A copy of rules/ whose band table says ◎ from 90: one cell changed. */
    private Path tableAt90() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("table"), text -> text.replace("◎,100,100以上", "◎,90,100以上"));
        assertTrue(Files.readString(rules.resolve("区分表.csv")).contains("◎,90,"));
        return rules;
    }

    /** The same change as the DRL edit of before: the table replaced by the scale written in bands.drl. */
    private Path drlAt90() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("drl"), text -> text);
        Files.delete(rules.resolve("区分表.csv"));
        Files.writeString(rules.resolve("bands.drl"), drlScale(90));
        return rules;
    }

    private static String run(String... args) {
        return Cli.run(args);
    }

    /** The ○ that opens 許容幅's pattern left empty: an error at its cell, not Drools' "$d cannot be resolved". */
    @Test
    void anEmptyMarkerThatOpensTheActionsPatternIsAnErrorAtItsCell() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("marker"), text -> text.replace("\n○,,,5", "\n,,,5"));
        List<RuleProblem> problems = org.junit.jupiter.api.Assertions.assertThrows(RuleSetException.class,
                () -> DecisionTable.compile(rules.resolve("許容幅.csv"))).problems();
        assertEquals(List.of(new RuleProblem(rules.resolve("許容幅.csv").toString(), 12, "「維持の KPI」(A列): 空欄です。"
                + "この列は必ず書きます (an empty cell: the rule needs this value)")), problems);
    }

    /**
     * A blank row in the middle of any shipped table (the data rows of 区分表, 方向の記号, 許容幅, スコアの範囲, 評価 …)
     * ends the table for Drools: it is an error at that row, never a table silently one row short (a blank row above
     * ◎ once evaluated the seed with no ◎ at all and exit 0).
     */
    @Test
    void aBlankRowInAnyShippedTableIsAnErrorAtItsRow() throws IOException {
        List<Path> tables;
        try (var files = Files.walk(Path.of("."))) {
            tables = files.filter(f -> f.toString().endsWith(".csv") && (f.startsWith("./rules")
                    || f.startsWith("./examples")) && !f.toString().contains("/tests/")
                    && !f.toString().contains("/data/")).sorted().toList();
        }
        assertTrue(tables.size() >= 8, tables.toString());
        int planted = 0;
        for (Path table : tables) {
            List<String> lines = Files.readAllLines(table);
            int heading = 0;
            while (!lines.get(heading).startsWith("RuleTable")) {
                heading++;
            }
            int firstRow = heading + 5;  // RuleTable, types, objects, code, headings: the rows start after them
            if (lines.size() <= firstRow + 1) {
                continue;  // a table of one row: nothing below a blank row to lose
            }
            Path folder = Files.createDirectories(dir.resolve("blank-" + tables.indexOf(table)));
            List<String> broken = new java.util.ArrayList<>(lines);
            broken.add(firstRow + 1, "");
            Path copy = Files.write(folder.resolve(table.getFileName()), broken);
            List<RuleProblem> problems = org.junit.jupiter.api.Assertions.assertThrows(RuleSetException.class,
                    () -> DecisionTable.compile(copy)).problems();
            assertEquals(1, problems.size(), table + ": " + problems);
            assertEquals(firstRow + 2, problems.get(0).line(), table + ": " + problems);
            assertTrue(problems.get(0).message().startsWith("空の行があります: 表 "), problems.get(0).message());
            planted++;
        }
        assertTrue(planted >= 5, "tables of two rows or more: " + planted);
    }

    @Test
    void movingTheTopEdgeInOneCellGivesWhatTheDrlEditGives() throws IOException {
        Path table = tableAt90();
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
        assertTrue(diffTable.contains("5 change band or ☆")
                && diffTable.contains("; ◎: 下限 100 → 90 (区分表 15行目)"), diffTable);
        // the same diff, but that the table's says which row the changed band is written in
        diffTable = diffTable.replace(" (区分表 15行目)", "");
        assertEquals(diffDrl.replace(drl.toString(), "X").replaceAll("drl@\\w+", "X@").replace("d2", "out"),
                diffTable.replace(table.toString(), "X").replaceAll("table@\\w+", "X@").replace("d1", "out"));
        String validateTable = run("validate", "--rules", table.toString());
        String validateDrl = run("validate", "--rules", drl.toString());
        assertEquals(verdict(validateDrl), verdict(validateTable));
        assertTrue(validateTable.contains("◎ from 90"), validateTable);
    }

    /** validate's verdict and its findings about the bands, without the file listing. */
    private static List<String> verdict(String validate) {
        return validate.lines().filter(l -> l.startsWith("  bands:") || l.equals("OK") || l.startsWith("ERRORS")
                || l.matches("\\d")).toList();
    }

    @Test
    void theTableIsReadFromAWorkbookToo() throws IOException {
        Path rules = tableAt90();
        Path csv = rules.resolve("区分表.csv");
        List<String> lines = Files.readString(csv).replace("\uFEFF", "").lines().toList();
        try (OutputStream out = Files.newOutputStream(rules.resolve("区分表.xlsx"))) {
            Workbook workbook = new Workbook(out, "kpi-review", "1.0");
            Worksheet sheet = workbook.newWorksheet("区分表");
            CsvLineParser parser = new CsvLineParser();
            for (int r = 0; r < lines.size(); r++) {
                List<String> cells = parser.parse(lines.get(r));
                for (int c = 0; c < cells.size(); c++) {
                    String cell = cells.get(c);
                    if (cell.matches("-?\\d+") && r > 10) {
                        sheet.value(r, c, Integer.parseInt(cell));  // a number cell, as Excel keeps the edges
                    } else if (!cell.isEmpty()) {
                        sheet.value(r, c, cell);
                    }
                }
            }
            workbook.finish();
        }
        Files.delete(csv);
        var kpis = KpiData.read(Path.of("seeds/otaru-h30.csv"));
        var fromXlsx = new ReviewEngine(RuleBase.load(rules)).evaluate(kpis, 2018);
        var fromCsv = new ReviewEngine(RuleBase.load(tableAt90Again())).evaluate(kpis, 2018);
        assertEquals(fromCsv.bands(), fromXlsx.bands());
        assertEquals(fromCsv.evaluations().stream().map(e -> e.band()).toList(),
                fromXlsx.evaluations().stream().map(e -> e.band()).toList());
    }

    private Path tableAt90Again() throws IOException {
        return KpiFixture.copyOfRules(dir.resolve("table2"), text -> text.replace("◎,100,100以上", "◎,90,100以上"));
    }

    @Test
    void aNumberIsTakenAsAnOfficerTypesIt() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("wide"), text -> text.replace("◎,100,", "◎,１００,")
                .replace("-100,100", "\"-1,000\",\"1,000\""));
        String validate = run("validate", "--rules", rules.toString());
        // no scenarios in the copy: a warning, no error
        assertTrue(validate.startsWith("1\n") && validate.contains("◎ from 100;")
                && validate.contains("scores range from -1000.00 to 1000.00"), validate);
        assertEquals("100", DecisionTable.asNumber("１００"));
        assertEquals("-1000", DecisionTable.asNumber("−1,000"));
        assertEquals(null, DecisionTable.asNumber("08"));
        assertEquals(null, DecisionTable.asNumber("1e9999"));
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
        assertTrue(validate.startsWith("2\n") && validate.contains(policy.resolve("評価.csv") + ":12: 「数える区分"
                + " (空白で区切る)」(C列): 区分 '◉' は区分表にありません"), validate);
        String grades = run("evaluate", "--rules", "examples/policies/project-grade", "--data", "seeds/otaru-h30.csv",
                "--year", "FY2018", "--out", dir.resolve("graded-out").toString());
        assertTrue(grades.contains("☆3  評価 概ね順調") && grades.contains("☆0  評価 遅れ"), grades);
    }

    @Test
    void explainNamesTheTableRowsAResultCameFrom() {
        String explain = run("explain", "--data", "seeds/otaru-h30.csv", "--year", "FY2018", "--kpi", "25");
        assertTrue(explain.contains("許容幅_12 (許容幅.csv:12)") && explain.contains("許容幅 12行目")
                && explain.contains("区分表 14行目") && explain.contains("スコアの範囲 12行目"), explain);
    }
}
