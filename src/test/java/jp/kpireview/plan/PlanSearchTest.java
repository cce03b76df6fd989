package jp.kpireview.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import jp.kpireview.cli.Cli;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.Plan;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.io.KpiCsv;
import jp.kpireview.reference.PlainReview;
import jp.kpireview.report.ReportXlsxTest;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The actual each KPI needs for each band, found through the rules, checked against the plain-Java reference. */
class PlanSearchTest {

    private static final Path SEED = Path.of("seeds/otaru-h30.csv");

    @TempDir
    Path dir;

    @Test
    void everyNeedOfTheSeedIsTheEdgeOfThePlainReference() {
        List<Kpi> kpis = KpiCsv.read(SEED);
        Plan plan = new PlanSearch(PolicyEngine.of(KpiFixture.rules())).plan(kpis, 2019);
        assertEquals(73, plan.kpis().size());
        int checked = 0;
        for (Plan.KpiNeeds p : plan.kpis()) {
            for (Plan.Need need : p.needs()) {
                if (need.actual() == null || !need.note().isEmpty()) {
                    continue;
                }
                // the reference, which shares no code with the rules: the answer reaches the goal, one step less not
                BigDecimal worse = need.actual().subtract(p.step().multiply(BigDecimal.valueOf(
                        p.higherIsBetter() ? 1 : -1)));
                assertTrue(reaches(PlainReview.evaluate(with(p.kpi(), need.actual()), 2019), need.goal()),
                        p.kpi().id() + " " + need.goal() + " at " + need.actual());
                assertTrue(!reaches(PlainReview.evaluate(with(p.kpi(), worse), 2019), need.goal()),
                        p.kpi().id() + " " + need.goal() + " one step worse at " + worse);
                checked++;
            }
        }
        assertTrue(checked > 250, checked + " needs checked");
        // 17 参加児童生徒数 67 → 100 in FY2019 (the last step): ○ from 50 % of the way, 83.5 → 84 people
        Plan.KpiNeeds p17 = plan.kpis().stream().filter(p -> p.kpi().id().equals("17")).findFirst().orElseThrow();
        assertEquals(List.of("67", "84", "100", "100"), p17.needs().stream().map(n -> n.actual().toPlainString())
                .toList());
        // 25 乳幼児健診受診率 kept at 96.5 %: the floor is 91.675, so ● from 91.7 and ○ from 94.1, in the data's decimals
        Plan.KpiNeeds p25 = plan.kpis().stream().filter(p -> p.kpi().id().equals("25")).findFirst().orElseThrow();
        assertEquals(List.of("91.7", "94.1", "96.5", "96.5"), p25.needs().stream().map(n -> n.actual().toPlainString())
                .toList());
    }

    /**
     * Under examples/policies/achievement-ratio a KPI that should fall has 達成率 = target / actual, which no longer
     * improves as one number: negative actuals give 0 %. The search stays within the values a count can take and
     * trusts only the rules: KPI 6 交通事故件数 (target 180) gets A at 180 or less, C at 360 (50 %).
     */
    @Test
    void aRatioOfADecreaseIsPlannedWithinTheValuesACountCanTake() {
        List<Kpi> kpis = KpiCsv.read(SEED);
        Plan plan = new PlanSearch(PolicyEngine.of(RuleBase.load(Path.of("examples/policies/achievement-ratio"))))
                .plan(kpis, 2019);
        Plan.KpiNeeds p6 = plan.kpis().stream().filter(p -> p.kpi().id().equals("6")).findFirst().orElseThrow();
        assertEquals(List.of("360", "225", "180", "180"), p6.actuals(), p6.notes());
        assertEquals("", p6.notes());
        for (Plan.KpiNeeds p : plan.kpis()) {
            for (Plan.Need n : p.needs()) {
                assertTrue(n.actual() == null || n.actual().signum() >= 0, p.kpi().id() + " " + n);
            }
        }
    }

    /**
     * A band reached only in a window: the comparison example edited so that ◎ means within 10 above the target
     * (beyond it the KPI falls back to ○). The search assumes no order: it says where ◎ holds, and its answer is the
     * window's least good end.
     */
    @Test
    void aBandReachedOnlyInAWindowIsSaidToBeSo() throws IOException {
        Path rules = KpiFixture.copyOfPolicy(Path.of("examples/policies/comparison"), dir.resolve("window"),
                text -> text.replace("directed.aheadOfFinalTarget >= 0 )", "directed.aheadOfFinalTarget >= 0,"
                        + " directed.aheadOfFinalTarget <= 10 )")
                        .replace("directed.aheadOfFinalTarget < 0, directed.aheadOfBaseline > width )",
                                "directed.aheadOfFinalTarget < 0 || directed.aheadOfFinalTarget > 10,"
                                + " directed.aheadOfBaseline > width )"));
        Kpi kpi = new Kpi("例町", "1", "(1) 例", "1", "例事業", "件数", "件", "↗", 2014, new BigDecimal("100"), 2019,
                new BigDecimal("200"), new TreeMap<>(java.util.Map.of(2018, new BigDecimal("150"))), new TreeMap<>(),
                "", new jp.kpireview.domain.SourceLocation("town.csv", 2));
        Plan plan = new PlanSearch(PolicyEngine.of(RuleBase.load(rules))).plan(List.of(kpi), 2019);
        Plan.Need top = plan.kpis().get(0).needs().stream().filter(n -> n.goal().equals("◎")).findFirst()
                .orElseThrow();
        assertEquals("200", top.actual().toPlainString());
        assertTrue(top.note().contains("200 から 210 の間"), top.note());
        Plan.Need better = plan.kpis().get(0).needs().stream().filter(n -> n.goal().equals("○")).findFirst()
                .orElseThrow();
        assertEquals("106", better.actual().toPlainString(), better.note());
    }

    @Test
    void aBandAboveTheClampIsSaidToBeOutOfReach() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("rules"), drl -> drl.replace("◎,100,100以上\n",
                "◎,100,100以上\n◎+,120,120以上\n"));
        List<Kpi> kpis = KpiCsv.read(SEED).subList(0, 3);
        Plan plan = new PlanSearch(PolicyEngine.of(RuleBase.load(rules))).plan(kpis, 2019);
        Plan.Need top = plan.kpis().get(0).needs().stream().filter(n -> n.goal().equals("◎+")).findFirst()
                .orElseThrow();
        assertEquals(null, top.actual());
        assertTrue(top.note().startsWith("達しない: "), top.note());
    }

    @Test
    void anotherFormulaIsSearchedTheSameWay() {
        // the achievement ratio: B from 80 % of the final target 180 → 144
        Kpi kpi = KpiCsv.read(SEED).get(0);
        Kpi ratioKpi = new Kpi("例市", "1", "(1) 例", "1", "b", "k", "人", "↗", 2014, BigDecimal.ZERO, 2019,
                new BigDecimal("180"), new TreeMap<>(java.util.Map.of(2018, new BigDecimal("100"))), new TreeMap<>(),
                "", kpi.source());
        Plan plan = new PlanSearch(PolicyEngine.of(RuleBase.load(Path.of("examples/policies/"
                + "achievement-ratio")))).plan(List.of(ratioKpi), 2019);
        assertEquals(List.of("90", "144", "180", "180"), plan.kpis().get(0).needs().stream()
                .map(n -> n.actual().toPlainString()).toList(), "C 50 %, B 80 %, A 100 % of 180, ☆ at 180");
    }

    @Test
    void planWritesPlanCsv() throws IOException {
        String run = Cli.run("plan", "--data", SEED.toString(), "--year", "R1", "--out", dir.resolve("p").toString());
        assertTrue(run.startsWith("0\n"), run);
        List<String> lines = Files.readAllLines(dir.resolve("p/plan.csv"));
        assertEquals("\uFEFFmunicipality,kpi_id,project,kpi,unit,direction,fiscal_year,policy,needs_●,needs_○,needs_◎,"
                + "needs_☆,note", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("小樽市,17,") && l.endsWith(",67,84,100,100,")), lines
                .toString());
    }

    /** batch --plan: plan.csv, the workbook's plan sheet and report.html's plan section give the same needs. */
    @Test
    void batchWithAPlanPutsTheSameNeedsInPlanCsvTheWorkbookAndThePage() throws IOException {
        Path out = dir.resolve("batch");
        String run = Cli.run("batch", "--quiet", "--data", SEED.toString(), "--plan", "R1", "--out", out.toString());
        assertTrue(run.startsWith("0\n"), run);
        List<String> csv = Files.readAllLines(out.resolve("plan.csv"));
        List<List<String>> sheet = ReportXlsxTest.rows(out.resolve("report.xlsx"), "計画 FY2019 (R1)");
        assertEquals(csv.size(), sheet.size(), "one row per KPI under one header");
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("FY2019 (R1) の計画"), "the page has the plan section");
        for (int i = 1; i < csv.size(); i++) {
            List<String> fromCsv = List.of(csv.get(i).split(",", -1));
            List<String> fromSheet = sheet.get(i);
            assertEquals(fromCsv.get(1), fromSheet.get(2), "same KPI in the same row");
            boolean higher = fromSheet.get(8).equals("以上");
            for (int goal = 0; goal < 4; goal++) {
                String need = fromCsv.get(8 + goal);
                String inSheet = fromSheet.size() > 9 + goal ? fromSheet.get(9 + goal) : "";
                assertEquals(need.isEmpty(), inSheet.isEmpty(), "KPI " + fromCsv.get(1) + " goal " + goal);
                if (!need.isEmpty()) {
                    assertEquals(0, new BigDecimal(need).compareTo(new BigDecimal(inSheet)),
                            "KPI " + fromCsv.get(1) + " goal " + goal + ": " + need + " against " + inSheet);
                }
                if (!need.isEmpty()) {
                    // thousands grouped unless the unit is a percentage, as every value of report.html
                    BigDecimal value = new BigDecimal(need);
                    String shown = fromCsv.get(4).equals("%") ? need : String.format(java.util.Locale.ROOT,
                            "%,." + Math.max(0, value.scale()) + "f", value);
                    assertTrue(html.contains(">" + shown + htmlEscaped(fromCsv.get(4)) + (higher ? "以上" : "以下")
                            + "</td>"), "the page shows KPI " + fromCsv.get(1) + "'s need " + shown);
                }
            }
        }
        Path without = dir.resolve("without");
        Cli.run("batch", "--quiet", "--data", SEED.toString(), "--out", without.toString());
        assertFalse(Files.exists(without.resolve("plan.csv")));
        assertFalse(ReportXlsxTest.sheetNames(without.resolve("report.xlsx")).stream().anyMatch(n -> n.startsWith("計画")));
        assertFalse(Files.readString(without.resolve("report.html")).contains("の計画"));
    }

    private static String htmlEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static boolean reaches(Evaluation e, String goal) {
        if (!e.judged()) {
            return false;
        }
        if (goal.equals("☆")) {
            return e.achieved();
        }
        List<String> marks = PlainReview.BANDS.stream().map(Band::mark).toList();
        return marks.indexOf(e.band().mark()) >= marks.indexOf(goal);
    }

    private static Kpi with(Kpi k, BigDecimal actual) {
        TreeMap<Integer, BigDecimal> actuals = new TreeMap<>(k.actuals());
        actuals.put(2019, actual);
        return new Kpi(k.municipality(), k.id(), k.project(), k.businessNo(), k.business(), k.name(), k.unit(),
                k.directionText(), k.baselineYear(), k.baseline(), k.targetYear(), k.finalTarget(), actuals, k.annualTargets(),
                k.note(), k.source());
    }
}
