package jp.kpireview.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.io.KpiData;
import jp.kpireview.report.Explanation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Shows for one KPI every rule that fired, in order, with what it concluded, in plain words.")
final class ExplainCommand implements Callable<Integer> {

    @Option(names = "--data", converter = InputPath.class, required = true, paramLabel = "FILE",
            description = "KPI data (CSV or .xlsx).")
    Path data;

    @Option(names = "--year", required = true, paramLabel = "YEAR", description = "Fiscal year: FY2018, 2018, H30 (平成) or R1 (令和).")
    String year;

    @Option(names = "--kpi", required = true, paramLabel = "ID", description = "The KPI's kpi_id, e.g. 5b.")
    String kpiId;

    @Option(names = "--municipality", paramLabel = "NAME",
            description = "The municipality, when the file holds several.")
    String municipality;

    @Mixin
    NoPlanOption plans;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int fiscalYear = Options.fiscalYear(year, spec);
        List<Kpi> kpis = plans.apply(KpiData.read(data)).stream()
                .filter(k -> k.id().equals(kpiId) && (municipality == null || k.municipality().equals(municipality)))
                .toList();
        if (kpis.size() != 1) {
            throw new DataException(new SourceLocation(data.toString(), 0), "kpi_id", kpis.isEmpty()
                    ? "no KPI '" + kpiId + "'" : "KPI '" + kpiId + "' is in several municipalities: name one with"
                    + " --municipality");
        }
        jp.kpireview.engine.Review review = rules.engine(List.of(fiscalYear), true).evaluate(kpis, fiscalYear);
        Evaluation e = review.evaluations().get(0);
        PrintWriter out = spec.commandLine().getOut();
        Explanation.lines(e, review.policy(), review.terms()).forEach(out::println);
        out.flush();
        return Main.OK;
    }
}
