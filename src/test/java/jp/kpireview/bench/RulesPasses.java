package jp.kpireview.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.io.KpiData;
import jp.kpireview.rulebase.RuleBase;

/**
 * One JVM's passes of the rules alone over a data folder (FY2015–FY2019 of every file), for {@code bin/ab}, which
 * runs it alternately on two builds: prints one line, {@code first S best S cpu S rate N}, the first pass, the best
 * pass, the best pass's CPU time on this thread and its KPI-years per second. Usage: {@code RulesPasses DATA PASSES
 * [RULES]}.
 */
public final class RulesPasses {

    private static final List<Integer> YEARS = List.of(2015, 2016, 2017, 2018, 2019);

    private RulesPasses() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int passes = Integer.parseInt(args[1]);
        Path rules = Path.of(args.length > 2 ? args[2] : "rules");
        List<List<Kpi>> sets = KpiData.files(data).stream().map(KpiData::read).toList();
        long kpiYears = sets.stream().mapToLong(List::size).sum() * YEARS.size();
        ReviewEngine engine = new ReviewEngine(RuleBase.load(rules));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double first = 0;
        double best = Double.MAX_VALUE;
        double cpu = Double.MAX_VALUE;
        for (int pass = 0; pass < passes; pass++) {
            long started = System.nanoTime();
            long cpuStarted = threads.getCurrentThreadCpuTime();
            for (List<Kpi> set : sets) {
                engine.evaluate(set, YEARS);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            cpu = Math.min(cpu, (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9);
            first = pass == 0 ? seconds : first;
            best = Math.min(best, seconds);
        }
        System.out.printf(Locale.ROOT, "first %.3f best %.3f cpu %.3f rate %.0f%n", first, best, cpu,
                kpiYears / best);
    }
}
