package jp.kpireview.cli;

import java.nio.file.Path;
import jp.kpireview.engine.RuleBase;
import picocli.CommandLine.Option;

/** {@code --rules DIR}: the rule folder, compiled (and so checked) before anything is evaluated. */
final class RulesOption {

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "rules",
            description = "Folder of .drl rule files (default: ${DEFAULT-VALUE}).")
    Path folder;

    RuleBase load() {
        return RuleBase.load(folder);
    }
}
