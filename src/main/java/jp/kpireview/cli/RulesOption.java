package jp.kpireview.cli;

import java.nio.file.Path;
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
        RuleCheck.Report report = RuleCheck.check(folder, false);
        if (report.hasErrors()) {
            throw report.errors();
        }
        return report.rules();
    }
}
