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
        description = "試験用のデータ (架空だが正しい形) を自治体ごとに一つの CSV で書きます。--seed で同じものを作り直せます:"
                + " ひな形の方向と単位の組み合わせ、実績のない年度、境目の値 (writes a synthetic data set).")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--municipalities", paramLabel = "N", defaultValue = "1741",
            description = "自治体の数、一つに一ファイル (既定: ${DEFAULT-VALUE}、全国) (municipalities).")
    int municipalities;

    @Option(names = "--kpis", paramLabel = "K", defaultValue = "80",
            description = "自治体ごとの KPI の数 (既定: ${DEFAULT-VALUE}) (KPIs per municipality).")
    int kpis;

    @Option(names = "--years", paramLabel = "RANGE", defaultValue = "FY2015..FY2019",
            description = "評価する年度。基準年度はその前の年、目標年度は最後の年 (既定: ${DEFAULT-VALUE})"
                    + " (evaluated years).")
    String years;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "乱数の種: 同じ種から同じファイル (既定: ${DEFAULT-VALUE}) (random seed).")
    long seed;

    @Option(names = "--template", converter = InputPath.class,
            paramLabel = "FILE", defaultValue = "seeds/otaru-h30.csv",
            description = "名前・単位・方向を写す実在の KPI (既定: ${DEFAULT-VALUE}) (the template).")
    Path template;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "generated",
            description = "ファイルを書くフォルダ (既定: ${DEFAULT-VALUE}) (folder for the files).")
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
