package jp.kpireview.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jp.kpireview.batch.YearSelection;
import jp.kpireview.generate.DataGenerator;
import jp.kpireview.io.KpiData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes a synthetic but valid data set, one CSV per municipality, reproducible by --seed: the"
                + " template's mix of directions and units, missing years and edge cases.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--municipalities", paramLabel = "N", defaultValue = "1741",
            description = "Municipalities, one file each (default: ${DEFAULT-VALUE}, all of Japan).")
    int municipalities;

    @Option(names = "--kpis", paramLabel = "K", defaultValue = "80",
            description = "KPIs per municipality (default: ${DEFAULT-VALUE}).")
    int kpis;

    @Option(names = "--years", paramLabel = "RANGE", defaultValue = "FY2015..FY2019",
            description = "Evaluated years; the baseline is the year before, the target year the last"
                    + " (default: ${DEFAULT-VALUE}).")
    String years;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Random seed: the same seed writes the same files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--template", converter = InputPath.class,
            paramLabel = "FILE", defaultValue = "seeds/otaru-h30.csv",
            description = "Real KPIs whose names, units and directions are copied (default: ${DEFAULT-VALUE}).")
    Path template;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "generated",
            description = "Folder for the files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Integer> range = YearSelection.parse(years).years();
        if (municipalities < 1 || kpis < 1 || range.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--municipalities, --kpis and --years must not be empty");
        }
        long started = System.nanoTime();
        DataGenerator generator = new DataGenerator(KpiData.read(template), new DataGenerator.Settings(
                municipalities, kpis, range.get(0), range.get(range.size() - 1), seed));
        List<Path> files = generator.writeTo(out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "wrote %,d files (%,d KPIs, %,d KPI-years) to %s in %.1f s%n", files.size(),
                (long) municipalities * kpis, (long) municipalities * kpis * range.size(), out,
                (System.nanoTime() - started) / 1e9);
        stdout.flush();
        return Main.OK;
    }
}
