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
        description = "Regression check: scores the bundled Otaru data and compares every KPI and summary with the"
                + " published table. Exit 0 when all expectations hold, 1 otherwise.")
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--data", converter = InputPath.class, paramLabel = "FILE",
            defaultValue = "seeds/otaru-h30.csv",
            description = "KPI data (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--published", converter = InputPath.class, paramLabel = "FILE",
            defaultValue = "seeds/otaru-h30-published.csv",
            description = "Published per-KPI scores (default: ${DEFAULT-VALUE}).")
    Path published;

    @Option(names = "--published-summaries", converter = InputPath.class, paramLabel = "FILE",
            defaultValue = "seeds/otaru-h30-published-summaries.csv",
            description = "Published project summaries (default: ${DEFAULT-VALUE}).")
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
