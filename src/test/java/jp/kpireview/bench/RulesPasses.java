package jp.kpireview.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.rulebase.RuleBase;

/**
 * One JVM's passes of the rules alone over a data folder (FY2015–FY2019 of every file), for {@code bin/ab}, which
 * runs it alternately on two builds: prints one line, {@code first S best S cpu S rate N}, the first pass, the best
 * pass, the best pass's CPU time on this thread and its KPI-years per second. Usage: {@code RulesPasses DATA PASSES
 * [RULES]}.
 */
public final class RulesPasses {

    private RulesPasses() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int passes = Integer.parseInt(args[1]);
        Path rules = Path.of(args.length > 2 ? args[2] : "rules");
        List<List<Kpi>> sets = Bench.read(data);
        long kpiYears = sets.stream().mapToLong(List::size).sum() * Bench.YEARS.size();
        PolicyEngine engine = PolicyEngine.of(RuleBase.load(rules));
        // as a batch runs the rules: on a copy of them for one thread at a time (bin/ab runs this harness over older
        // builds too, whose batches had no copies)
        boolean copies = Arrays.stream(PolicyEngine.class.getMethods()).anyMatch(m -> m.getName().equals("withOwnCopy"));
        Pass pass = Pass.of(passes, () -> sets.forEach(set -> {
            if (copies) {
                engine.withOwnCopy(own -> own.evaluate(set, Bench.YEARS));
            } else {
                engine.evaluate(set, Bench.YEARS);
            }
        }));
        System.out.printf(Locale.ROOT, "first %.3f best %.3f cpu %.3f rate %.0f%n", pass.first(), pass.best(),
                pass.bestCpu(), kpiYears / pass.best());
    }
}
