package jp.kpireview.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Plan;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.io.KpiData;
import jp.kpireview.report.PlanCsv;
import jp.kpireview.plan.PlanSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "次の年度について、各 KPI が区分と ☆ に必要な実績値を、その年度のルールで評価して探します (式では"
                + "なく)。plan.csv を書きます (the actual each KPI needs next year).")
final class PlanCommand implements Callable<Integer> {

    @Option(names = "--data", converter = InputPath.class, required = true, paramLabel = "FILE",
            description = "KPI のデータ (CSV か .xlsx) (KPI data).")
    Path data;

    @Option(names = "--year", required = true, paramLabel = "YEAR",
            description = "計画する年度: FY2019、2019、H31、R1 (the fiscal year to plan).")
    String year;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/plan",
            description = "plan.csv を書くフォルダ (既定: ${DEFAULT-VALUE}) (folder for plan.csv).")
    Path out;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int fiscalYear = Options.fiscalYear(year, spec);
        PolicyEngine engine = rules.engine(List.of(fiscalYear), false);
        Plan plan = new PlanSearch(engine).plan(KpiData.read(data, engine.directionSymbols()),
                fiscalYear);
        PlanCsv.write(out.resolve("plan.csv"), plan);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%s: 書き出しました %s (%d KPI、方針 %s)%n", FiscalYear.bothLabels(fiscalYear),
                out.resolve("plan.csv"), plan.kpis().size(), plan.policy().label());
        stdout.flush();
        return Main.OK;
    }
}
