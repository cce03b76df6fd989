package jp.kpireview.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.kpireview.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Otaru's words in the reports (集計対象, 全, 施策KPI) are the policy's: terms.drl may call them otherwise, and every
 * report says what it says; a word Otaru's reports do not use is refused at the rule.
 */
class TermsWordsTest {

    @TempDir
    Path dir;

    @Test
    void aTownsWordsForTheSummaryAndTheKpiHeadingReachEveryReport() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("rules"), text -> text.replace(".annualTarget(\"年度目標値\")",
                ".annualTarget(\"年度目標値\").word(\"集計対象\", \"評価対象\").word(\"施策KPI\", \"成果指標\")"));
        String evaluate = Cli.run("evaluate", "--rules", rules.toString(), "--data", "seeds/otaru-h30.csv", "--year",
                "FY2018", "--out", dir.resolve("evaluate").toString());
        assertTrue(evaluate.startsWith("0\n") && evaluate.contains("(評価対象 11事業[16KPI] / 全 11事業[16KPI])")
                && evaluate.contains("成果指標") && !evaluate.contains("集計対象") && !evaluate.contains("施策KPI"),
                evaluate);
        String batch = Cli.run("batch", "--quiet", "--rules", rules.toString(), "--data", "seeds/otaru-h30.csv",
                "--out", dir.resolve("batch").toString(), "--formats", "html");
        assertTrue(batch.startsWith("0\n"), batch);
        String html = Files.readString(dir.resolve("batch/report.html"));
        assertTrue(html.contains("(評価対象 11事業[16KPI] / 全 11事業[16KPI])") && !html.contains("集計対象"), "html");
        String project = Cli.run("explain", "--rules", rules.toString(), "--data", "seeds/otaru-h30.csv", "--year",
                "FY2018", "--project", "(1) あずまい暮らしプロジェクト");
        assertTrue(project.contains("結果: (評価対象 11事業[16KPI]"), project);
        // diff heads the KPIs whose band moves in the newer policy's word
        Path edited = KpiFixture.copyOfRules(dir.resolve("edited"), text -> text.replace(".annualTarget(\"年度目標値\")",
                ".annualTarget(\"年度目標値\").word(\"施策KPI\", \"成果指標\")").replace("◎,100,100以上", "◎,90,90以上")
                .replace("○,50,50~100", "○,50,50~90"));
        String diff = Cli.run("diff", "--rules", "rules", "--rules", edited.toString(), "--data", "seeds/otaru-h30.csv",
                "--years", "FY2018", "--out", dir.resolve("diff").toString());
        assertTrue(diff.startsWith("0\n") && diff.contains("区分か☆が変わるもの 5") && diff.contains(" 成果指標")
                && !diff.contains("施策KPI"), diff);
    }

    @Test
    void aWordOtarusReportsDoNotUseIsRefusedAtTheRule() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("unknown"), text -> text.replace(".annualTarget(\"年度目標値\")",
                ".annualTarget(\"年度目標値\").word(\"事業名\", \"施策名\")"));
        String validate = Cli.run("validate", "--rules", rules.toString());
        assertTrue(validate.startsWith("2\n") && validate.contains(rules.resolve("terms.drl").toString())
                && validate.contains("用語 '事業名' は言い換えられません。言い換えられるのは 集計対象、全、施策KPI です"),
                validate);
    }
}
