package jp.kpireview.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import jp.kpireview.batch.BatchRunner;
import jp.kpireview.batch.Progress;
import jp.kpireview.batch.YearSelection;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.engine.RuleBase;
import jp.kpireview.generate.DataGenerator;
import jp.kpireview.io.KpiCsv;
import jp.kpireview.io.KpiData;
import jp.kpireview.reference.PlainReview;
import jp.kpireview.report.Reports;
import jp.kpireview.report.ResultsCsv;
import jp.kpireview.report.ResultsJson;
import jp.kpireview.report.SummaryCsv;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The scale benchmark (not a test): prints, in one run on the same data, the end-to-end and rule-only throughput,
 * the plain-Java reference's throughput and the ratio, the cold start and the peak heap. Run with {@code bin/bench}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures kpi-review on a generated data set (default: nationwide, 1,741 × 80 × 5).")
public final class Bench implements Callable<Integer> {

    @Option(names = "--municipalities", defaultValue = "1741")
    int municipalities;

    @Option(names = "--kpis", defaultValue = "80")
    int kpis;

    @Option(names = "--passes", defaultValue = "5", description = "Passes over the data per measurement; the best"
            + " and the first are shown (default: ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--ten-times", description = "Also run batch in a fresh JVM with -Xmx1g on 10× the data.")
    boolean tenTimes;

    @Option(names = "--work", defaultValue = "target/bench", description = "Folder for generated data and output.")
    Path work;

    private static final List<Integer> YEARS = List.of(2015, 2016, 2017, 2018, 2019);

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Path data = generate(work.resolve("data-" + municipalities + "x" + kpis), municipalities);
        long kpiYears = (long) municipalities * kpis * YEARS.size();
        System.out.printf(Locale.ROOT, "data: %,d municipalities × %d KPIs × %d years = %,d KPI-years; %d cores; %s%n",
                municipalities, kpis, YEARS.size(), kpiYears, cores, System.getProperty("java.vm.version"));

        coldStarts();
        double e2eCold = freshBatch(data, "", work.resolve("out-cold"));
        row("batch end to end in a new JVM (all reports but xlsx/html)", e2eCold, "s", rate(kpiYears, e2eCold));

        RuleBase rules = RuleBase.load(Path.of("rules"));
        List<List<Kpi>> sets = read(data);
        ReviewEngine engine = new ReviewEngine(rules);
        // the first pass of each pays for the JIT compiler; the best of the later passes is the steady state
        Pass drools = passes(() -> sets.forEach(s -> engine.evaluate(s, YEARS)));
        Pass plain = passes(() -> sets.forEach(s -> PlainReview.evaluate(s, YEARS)));
        Pass droolsParallel = passes(() -> parallel(sets, s -> engine.evaluate(s, YEARS), cores));
        row("rules only, 1 thread (first pass / best)", drools.first, drools.best, kpiYears);
        row("plain Java reference, 1 thread (first pass / best)", plain.first, plain.best, kpiYears);
        row("rules only, " + cores + " threads (after the above / best)", droolsParallel.first,
                droolsParallel.best, kpiYears);
        System.out.printf(Locale.ROOT, "  %-58s %8.1f×  (first passes %.1f×)%n", "rules / plain Java, best passes",
                drools.best / plain.best, drools.first / plain.first);

        resetPeaks();
        PolicyEngine policies = PolicyEngine.of(rules);
        Pass e2e = passes(() -> batch(policies, data, cores));
        row("batch end to end in this JVM, " + cores + " threads (first / best)", e2e.first, e2e.best, kpiYears);
        System.out.printf(Locale.ROOT, "  %-58s %8.0f MB%n", "peak heap used during the batch passes", peakHeapMb());
        if (tenTimes) {
            Path big = generate(work.resolve("data-" + municipalities * 10 + "x" + kpis), municipalities * 10);
            double seconds = freshBatch(big, "-Xmx1g", work.resolve("out-10x"));
            row("10× in a new JVM with -Xmx1g (csv + json)", seconds, "s", rate(kpiYears * 10, seconds));
        }
        return 0;
    }

    private record Pass(double first, double best) {
    }

    private Pass passes(Runnable pass) {
        double first = 0;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < passes; i++) {
            long started = System.nanoTime();
            pass.run();
            double seconds = (System.nanoTime() - started) / 1e9;
            first = i == 0 ? seconds : first;
            best = Math.min(best, seconds);
        }
        return new Pass(first, best);
    }

    private static void batch(PolicyEngine engine, Path data, int threads) {
        Path out = data.resolveSibling("out-warm");
        BatchRunner runner = new BatchRunner(engine, new BatchRunner.Settings(YearSelection.ALL, false, threads),
                KpiData::read);
        try (Reports reports = Reports.open(out, List.of(() -> new ResultsCsv(out.resolve("results.csv")),
                () -> new SummaryCsv(out.resolve("summary.csv")), () -> new ResultsJson(out.resolve("results.json"))))) {
            runner.run(KpiData.files(data), reports, Progress.SILENT);
            reports.commit();
        }
    }

    private static void parallel(List<List<Kpi>> sets, Consumer<List<Kpi>> work, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < sets.size(); i += threads) {
                        work.accept(sets.get(i));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    private Path generate(Path folder, int count) throws IOException {
        if (!Files.isDirectory(folder)) {
            new DataGenerator(KpiCsv.read(Path.of("seeds/otaru-h30.csv")),
                    new DataGenerator.Settings(count, kpis, 2015, 2019, 1)).writeTo(folder);
        }
        return folder;
    }

    private static List<List<Kpi>> read(Path folder) {
        return KpiData.files(folder).stream().map(KpiData::read).toList();
    }

    /**
     * A city's run as people start it ({@code bin/kpi-review}: its JIT choice and class-data archive), medians of 5
     * new JVMs, against the reference benchmark's cold start in the same sitting when {@code ../shared/anchor} is
     * there (JVM start, rules built from DRL, the 73 seed KPIs).
     */
    private void coldStarts() throws IOException, InterruptedException {
        double anchor = anchorColdStart();
        double evaluate = median(List.of("bin/kpi-review", "evaluate", "--data", "seeds/otaru-h30.csv", "--year",
                "FY2018", "--quiet", "--out", work.resolve("out-evaluate").toString()));
        double main = median(List.of("bin/kpi-review", "batch", "--data", "seeds/otaru-h30.csv", "--quiet", "--out",
                work.resolve("out-main").toString()));
        if (anchor > 0) {
            row("anchor cold start (median of 5)", anchor, "s", "");
        }
        row("seed main job, bin/kpi-review batch, 5 reports (median of 5)", main, "s", ratio(main, anchor, 0.6));
        row("seed bin/kpi-review evaluate FY2018 (median of 5)", evaluate, "s", ratio(evaluate, anchor, 0.5));
    }

    private static String ratio(double seconds, double anchor, double goal) {
        return anchor <= 0 ? "" : String.format(Locale.ROOT, "%.2f× the anchor (goal ≤ %.1f×)", seconds / anchor, goal);
    }

    /** The anchor's cold start, copied out of ../shared (read-only) and built once; 0 when it is not there. */
    private double anchorColdStart() throws IOException, InterruptedException {
        Path shared = Path.of("..", "shared", "anchor");
        if (!Files.isDirectory(shared)) {
            return 0;
        }
        Path anchor = work.resolve("anchor");
        if (!Files.isDirectory(anchor.resolve("target/classes"))) {
            new ProcessBuilder("cp", "-r", shared.toString(), anchor.toString()).inheritIO().start().waitFor();
            new ProcessBuilder("chmod", "-R", "u+w", anchor.toString()).inheritIO().start().waitFor();
            Process build = new ProcessBuilder("mvn", "-q", "-B", "package", "-DskipTests").directory(anchor.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            if (build.waitFor() != 0) {
                return 0;
            }
        }
        return median(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", "target/classes:target/lib/*", "anchor.Cold",
                "rules/c-phased"), anchor);
    }

    private static double median(List<String> command) throws IOException, InterruptedException {
        return median(command, Path.of(""));
    }

    /** The median wall time of 5 runs of {@code command} (after one run that is not counted). */
    private static double median(List<String> command, Path folder) throws IOException, InterruptedException {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long started = System.nanoTime();
            Process p = new ProcessBuilder(command).directory(folder.toAbsolutePath().toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", command));
            }
            if (i > 0) {
                times.add((System.nanoTime() - started) / 1e9);
            }
        }
        java.util.Collections.sort(times);
        return times.get(times.size() / 2);
    }


    private static double freshBatch(Path data, String jvmOption, Path out) throws IOException, InterruptedException {
        long started = System.nanoTime();
        run(jvmOption.isEmpty() ? List.of() : List.of(jvmOption), "batch", "--data", data.toString(), "--out",
                out.toString(), "--formats", "csv,json", "--quiet");
        return (System.nanoTime() - started) / 1e9;
    }

    private static void run(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", "target/classes:target/lib/*", "jp.kpireview.cli.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static double peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1e6;
    }


    private static String rate(long kpiYears, double seconds) {
        return String.format(Locale.ROOT, "%,.0f KPI-years/s", kpiYears / seconds);
    }

    private static void row(String what, double value, String unit, String extra) {
        System.out.printf(Locale.ROOT, "  %-58s %8.2f %s  %s%n", what, value, unit, extra);
    }

    private static void row(String what, double first, double best, long kpiYears) {
        System.out.printf(Locale.ROOT, "  %-58s %8.2f / %.2f s  %s (best)%n", what, first, best,
                rate(kpiYears, best));
    }

}
