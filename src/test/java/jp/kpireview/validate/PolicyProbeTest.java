package jp.kpireview.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate finds the band edges through the rules' own scores, whatever the formula; these are its findings. */
class PolicyProbeTest {

    @TempDir
    Path dir;

    private List<String> findings(java.util.function.UnaryOperator<String> edit) throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("rules"), edit);
        return RuleCheck.check(rules, false).findings().stream().map(Object::toString).toList();
    }

    @Test
    void aBandAboveTheClampCanNeverBeReached() throws IOException {
        List<String> found = findings(drl -> drl.replace("◎,100,100以上\n",
                "◎,100,100以上\n◎+,120,120以上\n"));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("警告: ") && found.get(0).endsWith("区分表.csv: 120 からの区分 ◎+ には届きません:"
                + " スコアは -100.00 から 100.00 まで"), found.get(0));
    }

    /** The same warning for a band table kept as a workbook names the workbook, not a file the policy does not have. */
    @Test
    void aFindingOfABandTableKeptInExcelNamesTheWorkbook() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("xlsx"), text -> text.replace("◎,100,100以上\n",
                "◎,100,100以上\n◎+,120,120以上\n"));
        List<String> lines = Files.readAllLines(rules.resolve("区分表.csv"));
        jp.kpireview.io.TestWorkbooks.workbook(rules.resolve("区分表.xlsx"), lines.stream()
                .map(l -> l.startsWith("\uFEFF") ? l.substring(1) : l).toList());
        Files.delete(rules.resolve("区分表.csv"));
        List<String> found = RuleCheck.check(rules, false).findings().stream().map(Object::toString).toList();
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).endsWith("区分表.xlsx: 120 からの区分 ◎+ には届きません: スコアは"
                + " -100.00 から 100.00 まで"), found.get(0));
    }

    @Test
    void aLabelThatNamesAnOldEdgeIsStale() throws IOException {
        List<String> found = findings(drl -> drl.replace("◎,100,100以上", "◎,90,90以上"));
        assertEquals(List.of("区分 ○ の名称 '50~100' は 100 を示しますが、区分は 50 から 90 未満 です"),
                found.stream().map(f -> f.substring(f.indexOf("区分表.csv: ") + "区分表.csv: ".length())).toList());
    }

    @Test
    void theEdgesAreFoundThroughAnotherFormula() throws IOException {
        // the score is the achievement ratio actual / reference × 100 (not measured from the baseline)
        List<String> found = findings(drl -> drl.replace("Decimals.percent($r.progress(), $r.span(), 2)",
                "Decimals.percent($r.kpi().actual(), $r.value(), 2)").replace("Reference( span != 0 )",
                "Reference( value != 0 )").replace("Reference( span == 0 )", "Reference( value == 0 )"));
        assertEquals(List.of(), found);
    }

    @Test
    void aBandRuleThatIgnoresTheScaleIsAnError() throws IOException {
        List<String> found = findings(drl -> drl.replace("Judgment.of($s, $scale.bandOf($s.value()), $scale)",
                "Judgment.of($s, $scale.bandOf($s.value().add(new BigDecimal(\"10\"))), $scale)").replace(
                "import jp.kpireview.facts.Judgment;", "import java.math.BigDecimal;\nimport jp.kpireview.facts.Judgment;"));
        assertTrue(found.stream().anyMatch(f -> f.startsWith("誤り: ") && f.contains("区分 ● が境界 0 でなく、スコア"
                + " -10.00 から始まります (その下は -10.01)")), found.toString());
    }

    /**
     * A formula written against the direction (宇陀市's stated one: a ↘ KPI's grade rising as its actual worsens)
     * keeps its bands in the order of its score, so only probing along the actual finds it: a warning at the rule
     * that made the score, for each direction it breaks.
     */
    @Test
    void aBetterActualWithAWorseBandIsWarnedAtTheRuleOfTheScore() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("slip"), drl -> drl.replace(
                "Decimals.percent($r.progress(), $r.span())", "Decimals.percent($r.progress().abs(), $r.span().abs())"));
        List<String> found = RuleCheck.check(rules, false).findings().stream().map(Object::toString).toList();
        int line = java.nio.file.Files.readAllLines(rules.resolve("score.drl")).indexOf("rule \"補正前スコア\"") + 1;
        String at = "警告: " + rules.resolve("score.drl") + ":" + line + ": ルール \"補正前スコア\": 方向 ";
        assertTrue(found.stream().anyMatch(f -> f.startsWith(at + "↘ (低いほど良い) の KPI で、良い実績値 ")
                && f.contains("式が方向に合っているか確かめてください")), found.toString());
        assertTrue(found.stream().anyMatch(f -> f.startsWith(at + "↗ (高いほど良い) の KPI で、良い実績値 ")),
                found.toString());
    }

    @Test
    void theBundledRulesHaveNoSlip() throws IOException {
        assertTrue(findings(drl -> drl).stream().noneMatch(f -> f.contains("式が方向に合っているか")));
    }

    /**
     * A policy that judges only KPIs with the city's annual target (長野県 judges by its 目安値) has no rule for a KPI
     * without one: validate probes it with annual targets and passes it, saying the data must carry them; a run on data
     * without them is refused naming the KPI.
     */
    @Test
    void aPolicyWithoutAFallbackForMissingAnnualTargetsValidatesClean() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("annual-only"), drl -> drl
                .replaceAll("(?s)// 方針: そうでなければ、基準値から目標値への直線.*?\nend\n", "")
                .replaceAll("(?s)// 方針: 件数の KPI では、道筋上の年度目標.*?\nend\n", ""));
        assertTrue(!java.nio.file.Files.readString(rules.resolve("reference.drl")).contains("道筋の年度目標"));
        CheckReport report = RuleCheck.check(rules, false);
        assertEquals(List.of(), report.findings().stream().map(Object::toString).toList());
        assertTrue(report.summary().stream().anyMatch(l -> l.startsWith("年度目標値: この方針は年度目標値のある KPI"
                + " だけを評価します")), report.summary().toString());
        String evaluate = jp.kpireview.cli.Cli.run("evaluate", "--rules", rules.toString(), "--data",
                "seeds/otaru-h30.csv", "--year", "FY2018", "--out", dir.resolve("out").toString());
        assertTrue(evaluate.startsWith("2\n") && evaluate.contains("に区分も状態 (実績なし など) もつけませんでした"),
                evaluate);
    }
}
