package jp.kpireview.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import jp.kpireview.check.RegressionCheck;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.engine.Review;
import jp.kpireview.importer.PublishedCsv;
import jp.kpireview.importer.PublishedScore;
import jp.kpireview.io.KpiCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "回帰の確かめ: 同梱の小樽市のデータを評価し、各 KPI と集計を公表の表と比べます。終了コード 0 すべて"
                + "一致、1 違いあり (regression check against the published table).")
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--data", converter = InputPath.class, paramLabel = "FILE",
            defaultValue = "seeds/otaru-h30.csv",
            description = "KPI のデータ (既定: ${DEFAULT-VALUE}) (KPI data).")
    Path data;

    @Option(names = "--published", converter = InputPath.class, paramLabel = "FILE",
            defaultValue = "seeds/otaru-h30-published.csv",
            description = "公表された KPI ごとのスコア (既定: ${DEFAULT-VALUE}) (published scores).")
    Path published;

    @Option(names = "--published-summaries", converter = InputPath.class, paramLabel = "FILE",
            defaultValue = "seeds/otaru-h30-published-summaries.csv",
            description = "公表されたプロジェクトの集計 (既定: ${DEFAULT-VALUE}) (published summaries).")
    Path publishedSummaries;

    @Mixin
    NoAnnualTargetsOption annualTargets;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<PublishedScore> scores = PublishedCsv.readScores(published);
        if (scores.isEmpty()) {
            throw new DataException(new SourceLocation(published.toString(), 1), "kpi_id", "no published scores");
        }
        int year = scores.get(0).year();
        Review review = rules.engine(List.of(year), false)
                .evaluate(annualTargets.apply(KpiCsv.read(data)), year);
        RegressionCheck.Result result = RegressionCheck.run(review, scores,
                PublishedCsv.readSummaries(publishedSummaries));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("check %s against %s%n", FiscalYear.bothLabels(year), published);
        result.differences().forEach(d -> out.println("  differs: " + d));
        result.inconsistencies().forEach(i -> out.println("  published table inconsistent: " + i));
        out.println(result.verdict());
        out.println(result.passed() ? "PASS" : "FAIL");
        out.flush();
        return result.passed() ? Main.OK : Main.DIFFERENCES;
    }
}
