package jp.kpireview.cli;

import java.nio.file.Path;
import java.util.List;
import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.rulebase.RuleProblem;
import jp.kpireview.rulebase.RuleSetException;
import jp.kpireview.validate.PolicyCheck;
import picocli.CommandLine.Option;

/**
 * {@code --rules DIR}: the rule folder — one policy, or a folder of policy periods — compiled and checked (as
 * {@code validate} does, without the scenarios) before anything is evaluated: a folder with errors is refused.
 */
final class RulesOption {

    @Option(names = "--rules", converter = InputPath.class, paramLabel = "DIR", defaultValue = "rules",
            description = "ルールのフォルダ、または方針の期のフォルダ (最初の年度で名づけたもの、例 \"FY2020 第2期\")"
                    + " (既定: ${DEFAULT-VALUE}) (the rule folder).")
    Path folder;

    /** The engine over every policy of the folder (one, or one per period), each checked; errors refuse it. */
    PolicyEngine engine(List<Integer> years, boolean trace) {
        return PolicyCheck.load(folder, years, trace);
    }

    PolicyEngine engine() {
        return engine(List.of(), false);
    }

    /**
     * The rules of a single policy, checked, for commands that work on one rule set (test-rules, import-published):
     * a folder of policy periods must be narrowed to one of them.
     */
    RuleBase load() {
        PolicyEngine engine = engine();
        if (engine.policies().size() != 1) {
            throw new RuleSetException(new RuleProblem(folder.toString(), 0, "このフォルダには期間が "
                    + engine.policies().size() + " つあります: 一つを選びます (例: --rules \""
                    + engine.policies().get(0).folder() + "\")"));
        }
        return engine.policies().get(0).rules();
    }
}
