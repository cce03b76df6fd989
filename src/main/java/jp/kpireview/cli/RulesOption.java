package jp.kpireview.cli;

import java.nio.file.Path;
import java.util.List;
import jp.kpireview.engine.RuleBase;
import jp.kpireview.validate.RuleCheck;
import picocli.CommandLine.Option;

/**
 * {@code --rules DIR}: the rule folder, compiled and checked (as {@code validate} does, without the scenarios)
 * before anything is evaluated: a folder with errors is refused.
 */
final class RulesOption {

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "rules",
            description = "Folder of .drl rule files (default: ${DEFAULT-VALUE}).")
    Path folder;

    RuleBase load() {
        return load(List.of());
    }

    /** @param years the fiscal years that will be evaluated, probed by the check; empty for the default span */
    RuleBase load(List<Integer> years) {
        RuleCheck.Report report = RuleCheck.check(folder, false, years);
        if (report.hasErrors()) {
            throw report.errors();
        }
        return report.rules();
    }
}
