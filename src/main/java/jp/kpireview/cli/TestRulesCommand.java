package jp.kpireview.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.engine.Policy;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.rulebase.RuleProblem;
import jp.kpireview.rulebase.RuleSetException;
import jp.kpireview.scenario.Scenario;
import jp.kpireview.scenario.ScenarioFile;
import jp.kpireview.scenario.ScenarioRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "test-rules", mixinStandardHelpOptions = true,
        description = "シナリオのファイル (rules/tests/*.csv) をルールで確かめます: 各行の KPI と、その結果として書かれた"
                + "評価。終了コード 0 すべて通る、1 通らない行がある (runs the scenario files against the rules).")
final class TestRulesCommand implements Callable<Integer> {

    @Option(names = "--tests", paramLabel = "DIR",
            description = "シナリオのフォルダ (既定: ルールのフォルダの tests) (folder of scenario files).")
    Path tests;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PolicyEngine engine = rules.engine();
        if (tests != null && engine.policies().size() > 1) {
            throw new RuleSetException(new RuleProblem(rules.folder.toString(), 0, "--tests はシナリオのフォルダを一つ"
                    + "指しますが、ルールには方針の期間が " + engine.policies().size() + " つあります: --rules で期間を一つ"
                    + "選びます (--tests names one folder, but the rules hold " + engine.policies().size()
                    + " policy periods)"));
        }
        boolean passed = true;
        for (Policy policy : engine.policies()) {
            passed &= run(policy.rules(), tests == null ? policy.folder().resolve("tests") : tests);
        }
        return passed ? Main.OK : Main.DIFFERENCES;
    }

    /** Runs one policy's scenario files; true when every case passed. */
    private boolean run(RuleBase rules, Path folder) {
        List<Path> files = ScenarioFile.files(folder);
        if (files.isEmpty()) {
            throw new DataException(new SourceLocation(folder.toString(), 0), "folder", "場面のファイル (*.csv) がありません");
        }
        List<Scenario> scenarios = new ArrayList<>();
        files.forEach(f -> scenarios.addAll(ScenarioFile.read(f)));
        ScenarioRun.Result result = ScenarioRun.run(rules, scenarios);
        PrintWriter out = spec.commandLine().getOut();
        files.forEach(f -> out.printf("%s: %d 件%n", f,
                scenarios.stream().filter(s -> s.source().file().equals(f.toString())).count()));
        result.failures().forEach(f -> out.println("違う: " + f));
        out.printf("%d 件、期待と違うもの %d%n", result.cases(), result.failedCases());
        if (!result.unexercised().isEmpty()) {
            out.println("どの場面でも動かないルール: " + String.join("、", result.unexercised()));
        }
        out.flush();
        return result.passed();
    }
}
