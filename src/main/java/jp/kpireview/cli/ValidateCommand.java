package jp.kpireview.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.rulebase.PolicyFolder;
import jp.kpireview.validate.CheckReport;
import jp.kpireview.validate.PolicyCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "ルールのフォルダを確かめます: ルールが読めること (誤りはファイルと行で)、どのスコアもちょうど一つの"
                + "区分に入ること、スコアの範囲の上限と下限の順、どの方向にも記号があること、どの KPI にも状態がつくこと、"
                + "tests/ のシナリオが通ること。方針の期ごとに確かめます。終了コード 0 問題なし、1 警告、2 誤り"
                + " (checks a rule folder before it is used).")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<PolicyCheck.PeriodReport> reports = PolicyCheck.check(rules.folder, true, List.of());
        PrintWriter out = spec.commandLine().getOut();
        boolean errors = false;
        boolean warnings = false;
        for (PolicyCheck.PeriodReport period : reports) {
            CheckReport report = period.report();
            out.println("確認: " + period.period().folder() + (period.period().firstYear() == null ? ""
                    : " (政策期間: " + FiscalYear.label(period.period().firstYear()) + " から)"));
            report.summary().forEach(line -> out.println("  " + line));
            report.findings().forEach(out::println);
            errors |= report.hasErrors();
            warnings |= report.hasWarnings();
        }
        List<String> unread = PolicyFolder.unread(rules.folder);
        if (!unread.isEmpty()) {
            // not an error: a memo or an old copy may stay; but nobody should think an edit there is in force
            out.println("注意: 読まないもの: " + String.join("、", unread) + " (ルール・表・テンプレート・共通.txt・"
                    + "期間のフォルダ・tests/ の場面のファイルのどれでもないため、使われません)");
        }
        String verdict = errors ? "誤りがあります: このルールは使えません" : warnings ? "問題なし (警告あり)" : "問題なし";
        out.println(verdict);
        out.flush();
        return errors ? Main.BAD_INPUT : warnings ? Main.DIFFERENCES : Main.OK;
    }
}
