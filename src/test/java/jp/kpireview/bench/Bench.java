package jp.kpireview.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kpireview.batch.BatchRunner;
import jp.kpireview.batch.Progress;
import jp.kpireview.batch.YearSelection;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.generate.DataGenerator;
import jp.kpireview.io.KpiCsv;
import jp.kpireview.io.KpiData;
import jp.kpireview.plan.PlanSearch;
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

    @Option(names = "--ten-times", description = "Also run batch with all five reports in a new JVM with -Xmx256m on"
            + " 10× the data.")
    boolean tenTimes;

    @Option(names = "--jdk17", defaultValue = "/usr/lib/jvm/java-17-openjdk-amd64", description = "The Java 17 the"
            + " project ran on before Java 25 (Debian's default); the anchor runs on it too when it is there"
            + " (default: ${DEFAULT-VALUE}).")
    Path jdk17;

    @Option(names = "--work", defaultValue = "target/bench", description = "Folder for generated data and output.")
    Path work;

    /** The years every pass evaluates: those the generated data holds. */
    static final List<Integer> YEARS = List.of(2015, 2016, 2017, 2018, 2019);

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Path data = generate(work.resolve("data-" + municipalities + "x" + kpis), municipalities);
        long kpiYears = (long) municipalities * kpis * YEARS.size();
        System.out.printf(Locale.ROOT, "data: %,d municipalities × %d KPIs × %d years = %,d KPI-years; %d cores%n",
                municipalities, kpis, YEARS.size(), kpiYears, cores);
        // bin/kpi-review, this JVM and the anchor all run on this JDK (bin/jdk chose it)
        System.out.printf(Locale.ROOT, "JDK %s (%s %s), for kpi-review and the anchor alike%n", Runtime.version(),
                System.getProperty("java.vm.vendor"), System.getProperty("java.home"));

        Anchor anchor = anchor(Path.of(System.getProperty("java.home")));
        // the anchor again on Java 17, the project's JDK before Java 25, for the JDK's own share of the figures
        Anchor anchor17 = Files.isExecutable(jdk17.resolve("bin/java")) ? anchor(jdk17) : Anchor.NONE;
        if (anchor17.coldStart() > 0) {
            System.out.printf(Locale.ROOT, "the anchor also ran on %s%n", anchor17.jdk());
        }
        coldStarts(anchor, anchor17);

        RuleBase rules = RuleBase.load(Path.of("rules"));
        PolicyEngine policies = PolicyEngine.of(rules);
        // the data read for these passes is dropped before the batch, whose peak heap is its own
        rulesOnly(policies, data, anchor, anchor17, kpiYears, cores);

        // the batch warm, as a batch's own JVM runs it: before the plans and the rebuilds, which a batch never runs
        // (after them its best passes took 3.4–4.4 s against 3.05–3.2 s, two JVMs each; docs/scale-and-speed.md)
        System.out.println("end to end");
        resetPeaks();
        Pass e2e = passes(() -> batch(policies, data, cores));
        row("batch in this JVM, csv + json, " + cores + " threads (first / best)", e2e.first(), e2e.best(), kpiYears);
        System.out.printf(Locale.ROOT, "  %-58s %8.0f MB%n", "peak heap used during the batch passes", peakHeapMb());
        allocated("allocated in one batch pass (the least)", e2e, kpiYears);

        plans(policies, data, cores);
        reloads(150);

        System.out.println("new JVMs");
        double coldCsvJson = median(batchCommand(data, "csv,json", work.resolve("out-cold")), "");
        row("csv + json, new JVM (bin/kpi-review; median of 5)", coldCsvJson, "s", String.format(Locale.ROOT,
                "%s; %.1f× the warm best (goal ≤ 1.5×)", rate(kpiYears, coldCsvJson), coldCsvJson / e2e.best()));
        double coldAll = median(batchCommand(data, "csv,json,xlsx,html", work.resolve("out-all")), "");
        row("all five reports in a new JVM (bin/kpi-review; median of 5)", coldAll, "s", String.format(Locale.ROOT,
                "%s; %.1f× the warm csv + json (goal ≤ 3×)", rate(kpiYears, coldAll), coldAll / e2e.best()));
        if (tenTimes) {
            Path big = generate(work.resolve("data-" + municipalities * 10 + "x" + kpis), municipalities * 10);
            Path gcLog = work.resolve("gc-10x.log");
            double seconds = freshBatch(big, "csv,json,xlsx,html", "-Xmx256m -Xlog:gc:file=" + gcLog,
                    work.resolve("out-10x"));
            double gc = gcPauseSeconds(gcLog);
            row("10×, all five reports, new JVM, -Xmx256m", seconds, "s", String.format(Locale.ROOT,
                    "%s; GC pauses %.1f s = %.1f %% of the run (goal < 10 %%)", rate(kpiYears * 10, seconds), gc,
                    100 * gc / seconds));
        }
        return 0;
    }

    /** Rules only against the anchor and plain Java, over the data read into this JVM once. */
    private void rulesOnly(PolicyEngine policies, Path data, Anchor anchor, Anchor anchor17, long kpiYears,
            int cores) {
        System.out.println("rules only");
        List<List<Kpi>> sets = read(data);
        // the rules as a batch runs them (each thread on a copy of its own, lent per municipality) against the same
        // work in plain Java, every KPI-year's evaluation and every project's summary; their passes alternate, so
        // that the machine's slower and faster minutes fall on both. The first pass of each pays for the JIT
        // compiler; the best of the later passes is the steady state.
        Pass[] alternating = Pass.alternating(passes,
                () -> sets.forEach(s -> policies.withOwnCopy(own -> own.evaluate(s, YEARS))),
                () -> sets.forEach(s -> PlainReview.review(s, YEARS)));
        Pass drools = alternating[0];
        Pass plain = alternating[1];
        Pass droolsParallel = passes(() -> parallel(sets, s -> policies.withOwnCopy(own -> own.evaluate(s, YEARS)),
                cores));
        row("rules only, 1 thread (first pass / best)", drools.first(), drools.best(), kpiYears);
        allocated("allocated in one rules-only pass (the least)", drools, kpiYears);
        double ours = kpiYears / drools.best();
        if (anchor.rate(CHAIN) > 0) {
            System.out.printf(Locale.ROOT, "  %-58s %,14.0f KPI-years/s  ours is %.2f× it (goal ≥ 1×)%s%n",
                    "anchor's chain design (B), 1 thread, sessions of 1,000", anchor.rate(CHAIN),
                    ours / anchor.rate(CHAIN), anchor17.rate(CHAIN) > 0 ? String.format(Locale.ROOT,
                            "; Java 17: %,.0f", anchor17.rate(CHAIN)) : "");
        }
        if (anchor.best() > 0) {
            System.out.printf(Locale.ROOT, "  %-58s %,14.0f KPI-years/s  %s; ours is %.2f× it%s%n",
                    "anchor's best design, 1 thread, sessions of 1,000", anchor.best(), anchor.bestDesign(),
                    ours / anchor.best(), anchor17.best() > 0 ? String.format(Locale.ROOT, "; Java 17: %,.0f (%s)",
                            anchor17.best(), anchor17.bestDesign()) : "");
        }
        row("plain Java, evaluations + summaries, 1 thread (first / best)", plain.first(), plain.best(), kpiYears);
        allocated("allocated in one plain-Java pass (the least)", plain, kpiYears);
        row("rules only, " + cores + " threads (after the above / best)", droolsParallel.first(),
                droolsParallel.best(), kpiYears);
        System.out.printf(Locale.ROOT, "  %-58s %8.1f×%n", "rules / plain Java, best passes",
                drools.best() / plain.best());
        // first passes where nothing ran before them: here, the one that runs second would share the compiler's
        // queue with the first, or find the JDK's own code compiled already
        List<Double> rulesFirst = new ArrayList<>();
        List<Double> plainFirst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rulesFirst.add(firstPass(data, "rules"));
            plainFirst.add(firstPass(data, "plain"));
        }
        double rulesMedian = median(rulesFirst);
        double plainMedian = median(plainFirst);
        System.out.printf(Locale.ROOT, "  %-58s %8.2f / %.2f s  %.1f× (goal ≤ 8×)%n",
                "first passes in new JVMs, rules / plain Java (medians of 3)", rulesMedian, plainMedian,
                rulesMedian / plainMedian);
    }

    /** The seconds of the first pass of a new JVM (this one's JDK, options and class path) over the data. */
    private static double firstPass(Path data, String work) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstPass.class.getName(),
                data.toString(), work));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", command));
            }
            return Double.parseDouble(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Plans in this JVM: the seed's, then every municipality's (the data read again). */
    private void plans(PolicyEngine policies, Path data, int cores) {
        List<List<Kpi>> sets = read(data);
        System.out.println("plan (the actual each KPI needs for each band and ☆, searched with the rules)");
        List<Kpi> seed = KpiData.read(Path.of("seeds/otaru-h30.csv"));
        Pass seedPlan = passes(() -> new PlanSearch(policies).plan(seed, 2019));
        System.out.printf(Locale.ROOT, "  %-58s %8.2f / %.2f s  (goal: under 1 s warm)%n", "seed plan FY2019, "
                + seed.size() + " KPIs, in this JVM (first / best)", seedPlan.first(), seedPlan.best());
        Pass nationwidePlan = Pass.of(1, () -> parallel(sets, s -> new PlanSearch(policies).plan(s, 2019), cores));
        row("plan FY2019 for every municipality, " + cores + " threads (one pass)", nationwidePlan.first(), "s",
                String.format(Locale.ROOT, "%,.0f KPIs/s", (double) municipalities * kpis / nationwidePlan.first()));
    }

    /**
     * A watching service's rebuilds: the rule folder edited and built {@code count} times in this JVM (each edit a
     * cache miss, so compiled to the executable model), the heap after a full GC at the first fifth and at the end.
     */
    private void reloads(int count) throws IOException {
        Path folder = work.resolve("reloaded-rules");
        Files.createDirectories(folder);
        try (var files = Files.list(Path.of("rules"))) {
            for (Path f : files.filter(f -> f.toString().matches(".*\\.(drl|drt|csv|xlsx)")).toList()) {
                Files.copy(f, folder.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path edited = folder.resolve("bands.drl");
        String original = Files.readString(edited);
        double early = 0;
        long started = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            Files.writeString(edited, original + "\n// edit " + i + " at " + System.nanoTime() + "\n");
            RuleBase.load(folder).kieBase().newKieSession().dispose();
            if (i == count / 5) {
                early = heapAfterGcMb();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "  %-58s %8.0f ms  heap after GC %.1f MB at %d, %.1f MB at %d%n",
                count + " rebuilds of an edited rule folder, per rebuild", 1000 * seconds / count, early, count / 5,
                heapAfterGcMb(), count);
    }

    private static double heapAfterGcMb() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
    }

    /** The seconds of GC pauses a {@code -Xlog:gc} file records. */
    private static double gcPauseSeconds(Path log) throws IOException {
        Pattern pause = Pattern.compile("Pause.* ([0-9.]+)ms$");
        double millis = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher m = pause.matcher(line);
            if (m.find()) {
                millis += Double.parseDouble(m.group(1));
            }
        }
        return millis / 1000;
    }

    private Pass passes(Runnable pass) {
        return Pass.of(passes, pass);
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

    /** Every data file of {@code folder}, read. */
    static List<List<Kpi>> read(Path folder) {
        return KpiData.files(folder).stream().map(KpiData::read).toList();
    }

    /** The anchor's design closest to these rules: a chain of derived facts (reference → raw score → score). */
    private static final String CHAIN = "b-chain";

    /** The anchor's figures of this sitting on one JDK: its cold start and each design's rate. */
    private record Anchor(String jdk, double coldStart, Map<String, Double> rates) {
        static final Anchor NONE = new Anchor("", 0, Map.of());

        double rate(String design) {
            return rates.getOrDefault(design, 0.0);
        }

        double best() {
            return rates.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        String bestDesign() {
            return rates.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        }
    }

    /**
     * A city's run as people start it ({@code bin/kpi-review}: its JIT choice and class-data archive), medians of 5
     * new JVMs, against the reference benchmark's cold start in the same sitting when {@code ../shared/anchor} is
     * there (JVM start, rules built from DRL, the 73 seed KPIs). The rule cache's share is shown by the same run with
     * the cache turned off.
     */
    private void coldStarts(Anchor anchor, Anchor anchor17) throws IOException, InterruptedException {
        System.out.println("cold starts (new JVMs, medians of 5)");
        List<String> evaluate = List.of("bin/kpi-review", "evaluate", "--data", "seeds/otaru-h30.csv", "--year",
                "FY2018", "--quiet", "--out", work.resolve("out-evaluate").toString());
        double main = median(List.of("bin/kpi-review", "batch", "--data", "seeds/otaru-h30.csv", "--quiet", "--out",
                work.resolve("out-main").toString()), "");
        double cached = median(evaluate, "");
        double compiled = median(evaluate, "-Dkpireview.ruleCache=off");
        if (anchor.coldStart() > 0) {
            row("anchor cold start", anchor.coldStart(), "s", anchor17.coldStart() > 0
                    ? String.format(Locale.ROOT, "Java 17: %.2f s", anchor17.coldStart()) : "");
        }
        row("seed main job, bin/kpi-review batch, 5 reports", main, "s", ratio(main, anchor.coldStart(), 0.5));
        row("seed bin/kpi-review evaluate FY2018", cached, "s", ratio(cached, anchor.coldStart(), 0.35));
        // no goal of its own: it shows what the rule cache saves
        row("  the same with the rule cache off (rules compiled)", compiled, "s", anchor.coldStart() <= 0 ? ""
                : String.format(Locale.ROOT, "%.2f× the anchor; the rule cache saves %.2f s", compiled
                        / anchor.coldStart(), compiled - cached));
    }

    private static String ratio(double seconds, double anchor, double goal) {
        return anchor <= 0 ? "" : String.format(Locale.ROOT, "%.2f× the anchor (goal ≤ %.2f×)", seconds / anchor, goal);
    }

    /**
     * The anchor, copied out of ../shared (read-only) and built once, run in this sitting: its cold start (median of
     * 5) and its designs' rates (stateless sessions of 1,000, its best setting) on the JDK at {@code javaHome}
     * (it is built for Java 17). {@link Anchor#NONE} when it is not there.
     */
    private Anchor anchor(Path javaHome) throws IOException, InterruptedException {
        Path shared = Path.of("..", "shared", "anchor");
        if (!Files.isDirectory(shared)) {
            return Anchor.NONE;
        }
        Path anchor = work.resolve("anchor");
        if (!Files.isDirectory(anchor.resolve("target/classes"))) {
            new ProcessBuilder("cp", "-r", shared.toString(), anchor.toString()).inheritIO().start().waitFor();
            new ProcessBuilder("chmod", "-R", "u+w", anchor.toString()).inheritIO().start().waitFor();
            Process build = new ProcessBuilder("mvn", "-q", "-B", "package", "-DskipTests").directory(anchor.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            if (build.waitFor() != 0) {
                return Anchor.NONE;
            }
        }
        String javaBin = javaHome.resolve("bin/java").toString();
        List<String> base = List.of(javaBin, "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp",
                "target/classes:target/lib/*");
        List<String> cold = new ArrayList<>(base);
        cold.addAll(List.of("anchor.Cold", "rules/c-phased"));
        double coldStart = median(cold, anchor, "");
        List<String> bench = new ArrayList<>(base);
        bench.add(1, "-Xmx4g");
        bench.addAll(List.of("anchor.Bench", "designs=b-chain,c-phased,d-thresholds-fact", "strategies=stateless",
                "batches=1000", "variants=false", "passes=2"));
        Process run = new ProcessBuilder(bench).directory(anchor.toAbsolutePath().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Pattern design = Pattern.compile("^\\s*-- (\\S+)");
        Pattern rate = Pattern.compile("stateless batch\\s+1,000:\\s+([0-9,]+) KPI-years/s");
        String current = "";
        Map<String, Double> rates = new TreeMap<>();
        try (var lines = new BufferedReader(new InputStreamReader(run.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher d = design.matcher(line);
                Matcher r = rate.matcher(line);
                if (d.find()) {
                    current = d.group(1);
                } else if (r.find()) {
                    rates.merge(current, Double.parseDouble(r.group(1).replace(",", "")), Math::max);
                }
            }
        }
        run.waitFor();
        return new Anchor(javaVersion(javaBin), coldStart, rates);
    }

    /** The version line of {@code java -version}, e.g. {@code openjdk version "17.0.17" 2025-10-21}. */
    private static String javaVersion(String javaBin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(javaBin, "-version").redirectErrorStream(true).start();
        String first;
        try (var lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            first = lines.readLine();
            lines.transferTo(java.io.Writer.nullWriter());
        }
        p.waitFor();
        return first == null ? javaBin : first;
    }

    private static double median(List<String> command, String javaOptions) throws IOException, InterruptedException {
        return median(command, Path.of(""), javaOptions);
    }

    /**
     * The median wall time of 5 runs of {@code command} (after one run that is not counted), with
     * {@code javaOptions} for bin/kpi-review.
     */
    private static double median(List<String> command, Path folder, String javaOptions)
            throws IOException, InterruptedException {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long started = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("KPI_REVIEW_JAVA_OPTIONS", javaOptions);
            Process p = builder.directory(folder.toAbsolutePath().toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", command));
            }
            if (i > 0) {
                times.add((System.nanoTime() - started) / 1e9);
            }
        }
        return median(times);
    }


    /** A batch as people start it: bin/kpi-review in a new JVM. */
    private static List<String> batchCommand(Path data, String formats, Path out) {
        return List.of("bin/kpi-review", "batch", "--data", data.toString(), "--out", out.toString(), "--formats",
                formats, "--quiet");
    }

    /** One batch in a new JVM with {@code javaOptions}; its wall time. */
    private static double freshBatch(Path data, String formats, String javaOptions, Path out)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(batchCommand(data, formats, out));
        builder.environment().put("KPI_REVIEW_JAVA_OPTIONS", javaOptions);
        Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", builder.command()));
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static double peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1e6;
    }


    /** What a pass allocated: the collector's work, which the peak heap only reflects through G1's sizing. */
    private static void allocated(String what, Pass pass, long kpiYears) {
        System.out.printf(Locale.ROOT, "  %-58s %8.2f GB  %,.0f bytes per KPI-year%n", what,
                pass.leastAllocated() / 1e9, (double) pass.leastAllocated() / kpiYears);
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
