package jp.kpireview.batch;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.ProblemList;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.plan.PlanSearch;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.report.Reports;

/**
 * Evaluates every data file of a run with one rule base: each municipality's KPIs for all its years in one session,
 * files read and evaluated on worker threads, results handed to the reports in input order. Only a few files are in
 * flight at a time, so memory follows the size of a file, not of the run.
 */
public final class BatchRunner {

    /** Files evaluated ahead of the one being written, per worker. */
    private static final int AHEAD_PER_WORKER = 4;

    /**
     * @param threads  worker threads (each evaluates whole files; the rule base is shared)
     * @param noAnnualTargets   ignore the cities' annual targets (annual_target_FYyyyy), to see the derived method alone
     * @param planYear the year to find each KPI's needed actuals for (次年度計画), or null for none
     */
    public record Settings(YearSelection years, boolean noAnnualTargets, int threads, Integer planYear) {

        public Settings(YearSelection years, boolean noAnnualTargets, int threads) {
            this(years, noAnnualTargets, threads, null);
        }
    }

    /**
     * What a run did.
     *
     * @param skipped years asked for that no KPI of some municipality has an actual for: not evaluated there
     */
    public record Totals(int files, int municipalities, long kpis, long kpiYears, java.util.SortedSet<Integer> skipped) {
    }

    /** One file's outcome: its municipalities rendered for the reports, or what is wrong with it. */
    private record FileResult(List<Reviewed> municipalities, List<Integer> skipped, DataException problems) {
    }

    /**
     * What a run keeps of a municipality once it is rendered: the reports' bytes and its counts. The review itself is
     * dropped on the worker thread, so the files waiting their turn hold bytes, not every evaluation's objects, which
     * the collector would otherwise copy at each young collection.
     */
    private record Reviewed(Reports.Rendered rendered, int kpis, int kpiYears) {
    }

    private final PolicyEngine engine;
    /** Every band of every policy: the same report columns for every municipality of the run. */
    private final List<jp.kpireview.domain.Band> bandColumns;
    private final Settings settings;
    private final Function<Path, List<Kpi>> reader;
    private final Function<Path, String> name;

    /** @param reader reads one data file (CSV or Excel), throwing {@link DataException} with located problems */
    public BatchRunner(PolicyEngine engine, Settings settings, Function<Path, List<Kpi>> reader) {
        this(engine, settings, reader, Path::toString);
    }

    /** @param name what the reports call a data file (the service: the name it was sent by, not where it was saved) */
    public BatchRunner(PolicyEngine engine, Settings settings, Function<Path, List<Kpi>> reader,
            Function<Path, String> name) {
        this.engine = engine;
        this.bandColumns = engine.bandColumns();
        this.settings = settings;
        this.reader = reader;
        this.name = name;
    }

    /**
     * Runs the files into the reports. Bad data in any file fails the run with every problem found in all files,
     * and no report is committed; the caller commits on success.
     */
    public Totals run(List<Path> files, Reports reports, Progress progress) {
        AtomicInteger workerNumber = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(settings.threads(), task -> {
            Thread thread = new Thread(task, "review-" + workerNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            return run(files, reports, progress, workers);
        } finally {
            workers.shutdownNow();
        }
    }

    private Totals run(List<Path> files, Reports reports, Progress progress, ExecutorService workers) {
        Deque<Future<FileResult>> inFlight = new ArrayDeque<>();
        Iterator<Path> next = files.iterator();
        ProblemList problems = new ProblemList();
        java.util.SortedSet<Integer> skipped = new java.util.TreeSet<>();
        int municipalities = 0;
        long kpis = 0;
        long kpiYears = 0;
        // a run of more files than threads lends each working thread a copy of the rules of its own (faster sessions;
        // a copy costs about 50 ms, which a few files do not win back)
        boolean ownCopies = files.size() > settings.threads();
        progress.start(files.size());
        while (next.hasNext() || !inFlight.isEmpty()) {
            while (next.hasNext() && inFlight.size() < settings.threads() * AHEAD_PER_WORKER) {
                Path file = next.next();
                inFlight.add(workers.submit(() -> ownCopies ? engine.withOwnCopy(own -> review(own, file, reports))
                        : review(engine, file, reports)));
            }
            FileResult result = await(inFlight.poll());
            if (result.problems() != null) {
                problems.addAll(result.problems());
            }
            skipped.addAll(result.skipped());
            long done = 0;
            for (Reviewed reviewed : result.municipalities()) {
                if (problems.isEmpty()) {
                    reports.add(reviewed.rendered());
                }
                municipalities++;
                kpis += reviewed.kpis();
                done += reviewed.kpiYears();
            }
            kpiYears += done;
            progress.fileDone(done);
        }
        progress.finish();
        problems.throwIfAny();
        return new Totals(files.size(), municipalities, kpis, kpiYears, skipped);
    }

    /** Reads, evaluates and renders one file with {@code engine}: the work of a worker thread. */
    private FileResult review(PolicyEngine engine, Path file, Reports reports) {
        try {
            List<Reviewed> reviewed = new ArrayList<>();
            List<Integer> skipped = new ArrayList<>();
            byMunicipality(reader.apply(file)).forEach((municipality, kpis) -> {
                List<Kpi> used = settings.noAnnualTargets() ? kpis.stream().map(Kpi::withoutAnnualTargets).toList() : kpis;
                List<Integer> years = settings.years().resolve(used);
                List<Integer> withActuals = withActuals(used, years, file, municipality);
                years.stream().filter(y -> !withActuals.contains(y)).forEach(skipped::add);
                // the data's other earlier years too, in the same session, for 前回比 alone (none when every year
                // is asked for)
                List<Integer> earlier = YearSelection.earlier(used, withActuals).stream().filter(engine::covers)
                        .toList();
                List<jp.kpireview.engine.Review> evaluated = engine.evaluate(used, concat(withActuals, earlier));
                MunicipalityReview review = new MunicipalityReview(municipality, name.apply(file), used,
                        evaluated.subList(0, withActuals.size()), bandColumns)
                        .withEarlier(evaluated.subList(withActuals.size(), evaluated.size()));
                if (settings.planYear() != null) {
                    review = review.withPlan(new PlanSearch(engine).plan(used, settings.planYear()));
                }
                reviewed.add(new Reviewed(reports.render(review), review.kpis().size(), review.size()));
            });
            return new FileResult(reviewed, skipped, null);
        } catch (DataException e) {
            return new FileResult(List.of(), List.of(), e);
        }
    }

    /**
     * The years asked for in which some KPI has an actual: a year without any is not evaluated (it would give every
     * KPI "no actual" and overwrite last year's report with blanks); when none is left, the data cannot answer what
     * was asked, which is a located error naming the years it does have.
     */
    private static List<Integer> withActuals(List<Kpi> kpis, List<Integer> years, Path file, String municipality) {
        java.util.SortedSet<Integer> have = new java.util.TreeSet<>();
        kpis.forEach(k -> have.addAll(k.actuals().keySet()));
        List<Integer> kept = years.stream().filter(have::contains).toList();
        if (kept.isEmpty()) {
            throw new DataException(new jp.kpireview.domain.SourceLocation(file.toString(), 1), "year", municipality
                    + " のどの KPI にも " + labels(years) + " の実績値がありません。実績値のある年度: "
                    + (have.isEmpty() ? "なし" : labels(List.copyOf(have))) + " (no KPI of " + municipality
                    + " has an actual for " + labels(years) + ")");
        }
        return kept;
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    private static String labels(List<Integer> years) {
        return String.join(", ", years.stream().map(jp.kpireview.domain.FiscalYear::bothLabels).toList());
    }

    /** A file may hold several municipalities (a municipality column); each is reviewed on its own. */
    public static Map<String, List<Kpi>> byMunicipality(List<Kpi> kpis) {
        Map<String, List<Kpi>> groups = new LinkedHashMap<>();
        kpis.forEach(k -> groups.computeIfAbsent(k.municipality(), m -> new ArrayList<>()).add(k));
        return groups;
    }

    private static FileResult await(Future<FileResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
