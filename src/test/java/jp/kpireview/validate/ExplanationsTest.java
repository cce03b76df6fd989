package jp.kpireview.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Explain prints the words written beside each rule; validate checks those words can be filled in. */
class ExplanationsTest {

    @TempDir
    Path dir;

    @Test
    void theBundledRulesExplainThemselvesCompletely() {
        CheckReport report = RuleCheck.check(Path.of("rules"), false);
        assertEquals(List.of(), report.findings().stream().map(Object::toString).toList());
    }

    @Test
    void aPlaceholderThatNamesNothingIsAWarningAtItsRule() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("rules"), drl -> drl.replace("{$s.kpi.finalTarget}",
                "{$s.kpi.finalTarjet}"));
        List<String> findings = RuleCheck.check(rules, false).findings().stream().map(Object::toString).toList();
        assertEquals(List.of("警告: " + rules.resolve("achievement.drl") + ":9: ルール \"目標値に達した ☆\":"
                + " @explain の {$s.kpi.finalTarjet} はこのルールにありません ({$x.field}、{new.field}、{kpi.field}、"
                + "{outcome.field} のように、ルールの変数で書きます)"), findings);
    }

    @Test
    void aRuleWithoutExplanationIsAWarningAndExplainShowsItsEffects() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("rules"), drl -> drl.replaceAll("@explain\\(\"区分: [^\\n]*\\n",
                ""));
        List<String> findings = RuleCheck.check(rules, false).findings().stream().map(Object::toString).toList();
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).contains("score-band.drl:") && findings.get(0).contains("\"スコアの区分\" に"
                + " @explain"), findings.get(0));
    }
}
