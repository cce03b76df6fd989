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
        description = "Shows for one KPI (--kpi), or for one project's summary (--project), every rule that fired, in"
                + " order, with what it concluded, in plain words.")
final class ExplainCommand implements Callable<Integer> {

    @Option(names = "--data", converter = InputPath.class, required = true, paramLabel = "FILE",
            description = "KPI data (CSV or .xlsx).")
    Path data;

    @Option(names = "--year", required = true, paramLabel = "YEAR", description = "Fiscal year: FY2018, 2018, H30 (平成) or R1 (令和).")
    String year;

    @Option(names = "--kpi", paramLabel = "ID", description = "The KPI's kpi_id, e.g. 5b.")
    String kpiId;

    @Option(names = "--project", paramLabel = "NAME", description = "The project (プロジェクト) whose summary (集計)"
            + " and grade to explain, as the data names it, e.g. \"(1) あずまい暮らしプロジェクト\"; "
            + WHOLE + " for the municipality as a whole.")
    String project;

    /** How --project names the summary of the municipality as a whole. */
    static final String WHOLE = "全体";

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
        if ((kpiId == null) == (project == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--kpi か --project のどちらか一つを"
                    + "書きます (name one KPI or one project)");
        }
        if (project != null) {
            return explainProject(fiscalYear);
        }
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

    /** How the project's summary and grade came about: the summary rules that fired about it, in order. */
    private int explainProject(int fiscalYear) {
        List<Kpi> all = plans.apply(KpiData.read(data));
        List<String> municipalities = all.stream().map(Kpi::municipality).distinct().toList();
        if (municipality == null && municipalities.size() > 1) {
            throw new DataException(new SourceLocation(data.toString(), 0), "municipality", "データに自治体が "
                    + municipalities.size() + " あります: --municipality で一つを選びます (" + String.join("、",
                    municipalities) + ")");
        }
        String town = municipality == null ? municipalities.get(0) : municipality;
        List<Kpi> kpis = all.stream().filter(k -> k.municipality().equals(town)).toList();
        if (kpis.isEmpty()) {
            throw new DataException(new SourceLocation(data.toString(), 0), "municipality", "自治体 '" + town
                    + "' の KPI がありません");
        }
        jp.kpireview.engine.Review review = rules.engine(List.of(fiscalYear), true).evaluate(kpis, fiscalYear);
        List<jp.kpireview.domain.ProjectSummary> summaries = project.equals(WHOLE) ? review.overall()
                : review.summaries().stream().filter(s -> project.equals(s.project())).toList();
        if (summaries.isEmpty()) {
            throw new DataException(new SourceLocation(data.toString(), 0), "project", "プロジェクト '" + project
                    + "' がありません。次のどれかを書きます: " + String.join("、", review.summaries().stream()
                    .map(jp.kpireview.domain.ProjectSummary::project).toList()) + "、" + WHOLE);
        }
        PrintWriter out = spec.commandLine().getOut();
        Explanation.summaryLines(summaries.get(0), town, fiscalYear, review.policy()).forEach(out::println);
        out.flush();
        return Main.OK;
    }
}
