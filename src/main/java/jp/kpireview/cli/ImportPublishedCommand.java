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
        description = "公表された表のテキストを読み、データと公表のスコア・集計を CSV で書きます。道筋で説明できない年度目標値"
                + "は、公表のスコアから解いて annual_target_FYyyyy に入れます (imports the published table).")
final class ImportPublishedCommand implements Callable<Integer> {

    @Option(names = "--seed", converter = InputPath.class,
            paramLabel = "FILE", defaultValue = "seeds/otaru-h30-published.txt",
            description = "公表された表のテキスト (既定: ${DEFAULT-VALUE}) (the published table as text).")
    Path seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "seeds",
            description = "CSV を書くフォルダ (既定: ${DEFAULT-VALUE}) (folder for the CSV files).")
    Path out;

    @Option(names = "--municipality", paramLabel = "NAME", defaultValue = PublishedImport.OTARU,
            description = "表の自治体 (既定: ${DEFAULT-VALUE}) (the city whose table it is).")
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
