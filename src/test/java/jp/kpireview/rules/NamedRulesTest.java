package jp.kpireview.rules;

import static jp.kpireview.rules.KpiFixture.kpi;
import static jp.kpireview.rules.KpiFixture.rules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.engine.ReviewEngine;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the project's DRL is named by a test, so renaming any rule makes a test fail (a rule named through
 * {@link Fired} fails by its name; the tables' rules, {@code 区分表_5} …, are the tables' rows and tested there), and
 * the rules no other test named: the two contradicting bounds, the two summary collections, the words.
 */
class NamedRulesTest {

    @Test
    void everyRuleOfTheProjectIsNamedByATest() throws IOException {
        StringBuilder tests = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                tests.append(Files.readString(f));
            }
        }
        List<String> unnamed = rules().kieBase().getKiePackages().stream().flatMap(p -> p.getRules().stream())
                .map(org.kie.api.definition.rule.Rule::getName).filter(n -> !n.matches(".+_\\d+"))
                .filter(n -> !tests.toString().contains("\"" + n + "\"")).sorted().toList();
        assertEquals(List.of(), unnamed, "rules no test names: renaming one would leave every test passing");
    }

    @Test
    void aTargetOfAtLeastWithALowerIsBetterSymbolIsADataError() {
        Fired.known("目標値は以上なのに低いほど良い記号");
        DataException e = assertThrows(DataException.class,
                () -> kpi("↘").baseline("70").target("80").targetBound("以上").actual("75").evaluate());
        assertTrue(e.getMessage().contains("方向 '↘' が目標値の「以上」と食い違います"), e.getMessage());
    }

    @Test
    void aTargetOfAtLeastWithAHigherIsBetterSymbolIsNoError() {
        Fired.notFired(kpi("↗").baseline("70").target("80").targetBound("以上").actual("75").evaluate(),
                "目標値は以上なのに低いほど良い記号");
    }

    @Test
    void aTargetOfAtMostWithAHigherIsBetterSymbolIsADataError() {
        Fired.known("目標値は以下なのに高いほど良い記号");
        DataException e = assertThrows(DataException.class,
                () -> kpi("↗").baseline("50").target("30").targetBound("以下").actual("40").evaluate());
        assertTrue(e.getMessage().contains("方向 '↗' が目標値の「以下」と食い違います"), e.getMessage());
    }

    @Test
    void aTargetOfAtMostWithALowerIsBetterSymbolIsNoError() {
        Fired.notFired(kpi("↘").baseline("50").target("30").targetBound("以下").actual("40").evaluate(),
                "目標値は以下なのに高いほど良い記号");
    }

    @Test
    void aProjectCountsItsScoredKpisAndAllItsKpis() {
        Fired.known("スコアのついた KPI を数える");
        Fired.known("プロジェクトの KPI");
        ProjectSummary summary = new ReviewEngine(rules()).evaluate(List.of(kpi("↗").id("1").actual("5").build(),
                kpi("↗").id("2").build()), KpiFixture.YEAR).summaries().get(0);
        assertEquals(1, summary.scoredKpis(), summary.toString());
        assertEquals(2, summary.allKpis(), summary.toString());
    }

    @Test
    void theWordsOfThePolicyAreOtarus() {
        Fired.known("用語");
        var terms = new ReviewEngine(rules()).tables().terms();
        assertEquals("スコア", terms.score());
        assertEquals("☆", terms.flag());
    }
}
