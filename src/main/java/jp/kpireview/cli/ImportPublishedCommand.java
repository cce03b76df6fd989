package jp.kpireview.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.importer.PublishedImport;
import jp.kpireview.importer.PublishedTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "import-published", mixinStandardHelpOptions = true,
        description = "Reads the published table text and writes the canonical data and the published scores and"
                + " summaries as CSV; annual targets the linear path cannot explain are solved from the published"
                + " score into annual_target_FYyyyy.")
final class ImportPublishedCommand implements Callable<Integer> {

    @Option(names = "--seed", converter = InputPath.class,
            paramLabel = "FILE", defaultValue = "seeds/otaru-h30-published.txt",
            description = "The published table as text (default: ${DEFAULT-VALUE}).")
    Path seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "seeds",
            description = "Folder for the CSV files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--municipality", paramLabel = "NAME", defaultValue = PublishedImport.OTARU,
            description = "The city whose table it is (default: ${DEFAULT-VALUE}).")
    String municipality;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PublishedImport.Imported imported = PublishedImport.read(seed, municipality, new ReviewEngine(rules.load()));
        PublishedTable table = imported.table();
        PublishedImport.write(table, out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("read %d KPIs, %d published scores, %d summaries from %s%n", table.kpis().size(),
                table.scores().size(), table.summaries().size(), seed);
        stdout.printf("solved %d annual targets from the published score:%n", imported.solved().size());
        imported.solved().forEach(s -> stdout.printf("  %-4s %s%n", s.kpiId(), s.annualTarget().toPlainString()));
        stdout.printf("wrote %s%n", out);
        stdout.flush();
        return Main.OK;
    }
}
