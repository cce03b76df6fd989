package jp.kpireview.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import jp.kpireview.domain.PolicyRef;
import jp.kpireview.engine.Policy;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.history.Change;
import jp.kpireview.history.PolicyHistory;
import jp.kpireview.history.Publisher;
import jp.kpireview.history.Staging;
import jp.kpireview.history.Version;
import jp.kpireview.rulebase.PolicyFolder;
import jp.kpireview.rulebase.RuleSetException;
import jp.kpireview.validate.CheckReport;
import jp.kpireview.validate.PolicyCheck;

/**
 * The rules the service answers with: one policy, or one per policy period. It watches the rule folder and each
 * period; on a change it checks the periods that changed, each on its own, off to the side, and swaps in each one
 * that is clean. A broken period is kept as a rejected attempt for the page and the API while its last good rules
 * go on answering, and the other periods are not touched. A request takes the current rules once, so a swap never
 * changes the rules under a request in flight.
 */
public final class RuleHolder implements AutoCloseable {

    /** One policy in service. */
    public record Loaded(PolicyFolder.Period period, Policy policy, String hash, Instant loadedAt,
            CheckReport check, String fingerprint) {
    }

    /** The rules in service: every policy and the engine over them. */
    public record Current(List<Loaded> policies, PolicyEngine engine, String hash) {
    }

    /** A rule folder (or one period of it) that was not taken, with why. */
    public record Rejected(String period, String hash, Instant at, CheckReport check, String fingerprint) {
    }

    /** A period folder added or removed: what it changes (the years judged by another period), and whether taken. */
    public record PeriodChange(Instant at, String text, boolean taken) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RuleHolder.class);

    private final Path folder;
    private final AtomicReference<Current> current = new AtomicReference<>();
    private final AtomicReference<Map<String, Rejected>> rejected = new AtomicReference<>(Map.of());
    private final AtomicReference<List<PeriodChange>> periodChanges = new AtomicReference<>(List.of());
    /** The period folders of a removal that was refused, so that the same layout is not checked again every poll. */
    private String refusedLayout = "";
    /** The period folders as the last reload found them (a period refused included), to see one added or removed. */
    private List<PolicyFolder.Period> lastSeen;
    private final FolderWatch watch;
    /** The folder's versions; null when none is kept (the tests of the watcher alone). */
    private final PolicyHistory history;

    /** Who an edit made on the server's disk is recorded as, and why. */
    static final String DISK_AUTHOR = "サーバー上の編集";
    static final String DISK_REASON = "ルールのフォルダのファイルがサーバー上で編集され、確かめて取り込みました";

    private RuleHolder(Path folder, Current first, PolicyHistory history) throws IOException {
        this.folder = folder;
        this.history = history;
        current.set(first);
        lastSeen = first.policies().stream().map(Loaded::period).toList();
        watch = new FolderWatch(folder, this::reload, this::failed);
    }

    /** Loads the folder, keeping no history; a folder with errors stops the service from starting. */
    public static RuleHolder start(Path folder) throws IOException {
        return start(folder, null);
    }

    /**
     * Loads the folder with its history in {@code historyDir} (made when there is none; a publish a kill interrupted
     * is finished first, and edits made on disk while the service was stopped are recorded); a folder with errors
     * stops the service from starting (the errors say where).
     */
    public static RuleHolder start(Path folder, Path historyDir) throws IOException {
        PolicyHistory history = historyDir == null ? null : PolicyHistory.open(folder, historyDir,
                () -> Staging.policies(folder));
        try {
            List<PolicyCheck.PeriodReport> reports = PolicyCheck.check(folder, true, List.of());
            List<Loaded> loaded = new ArrayList<>();
            for (PolicyCheck.PeriodReport r : reports) {
                if (r.report().hasErrors()) {
                    throw r.report().errors();
                }
                loaded.add(loaded(r.period(), r.report()));
            }
            Current first = current(folder, loaded);
            if (history != null) {
                history.recordFolder(DISK_AUTHOR, DISK_REASON, () -> labels(first));
                Staging.deleteLeftovers(folder);
            }
            RuleHolder holder = new RuleHolder(folder, first, history);
            holder.watch.start();
            return holder;
        } catch (RuntimeException | IOException e) {
            if (history != null) {
                history.close();
            }
            throw e;
        }
    }

    /** The folder's versions; null when the holder keeps none. */
    public PolicyHistory history() {
        return history;
    }

    /**
     * Publishes {@code files} as the next version made against {@code base} (checked first, as any edit is), and
     * answers with it from then on: no reload sees the folder half written, and no request gets a mix of the two.
     */
    public Version publish(String base, java.util.SortedMap<String, byte[]> files,
            Change change, String what) {
        return Publisher.publish(requireHistory(), base, files, change, this::writeAndReload, what);
    }

    /** Brings back an earlier version as the next one, checked first; answered with from then on. */
    public Version restore(String version, String author, String reason) {
        return Publisher.restore(requireHistory(), version, author, reason, this::writeAndReload);
    }

    private PolicyHistory requireHistory() {
        if (history == null) {
            throw new IllegalStateException("no history kept for " + folder);
        }
        return history;
    }

    /** Writes the folder and swaps in its rules while no reload can run (the history's lock is held already). */
    private synchronized void writeAndReload(Runnable write) {
        write.run();
        reloadHeld();
    }

    private static List<String> labels(Current current) {
        return current.policies().stream().map(l -> l.policy().ref().label()).toList();
    }

    public Current current() {
        return current.get();
    }

    /** The last rule edits that were not taken, by period; empty when the current rules are the latest. */
    public Map<String, Rejected> rejected() {
        return rejected.get();
    }

    /** The period folders added or removed since the service started, the latest last. */
    public List<PeriodChange> periodChanges() {
        return periodChanges.get();
    }

    public Path folder() {
        return folder;
    }

    /**
     * Checks each period whose files changed and swaps in those that are clean; with a history, an edit taken whole
     * (no period refused) is recorded as a version. Holds the history's lock, so that a publish of another process
     * (kpi-review restore) is never read half written.
     */
    public void reload() {
        if (history == null) {
            reloadHeld();
        } else {
            history.locked(() -> {
                reloadHeld();
                return null;
            });
        }
    }

    private synchronized void reloadHeld() {
        Current before = current.get();
        reloadFolder();
        if (history != null && rejected.get().isEmpty() && current.get() != before) {
            Current now = current.get();
            history.recordFolder(DISK_AUTHOR, DISK_REASON, () -> labels(now));
        }
    }

    private void reloadFolder() {
        List<PolicyFolder.Period> periods;
        try {
            periods = PolicyFolder.periods(folder);
        } catch (RuleSetException e) {
            reject(folder.getFileName().toString(), "", CheckReport.refused(e));
            return;
        }
        Map<String, Loaded> before = new LinkedHashMap<>();
        List<Loaded> previous = current.get().policies();
        previous.forEach(l -> before.put(l.period().name(), l));
        PeriodLayout layout = PeriodLayout.of(lastSeen, periods);
        String signature = layout.changed() ? signature(periods) : "";
        if (layout.changed() && signature.equals(refusedLayout)) {
            return;  // the removal refused before, with nothing edited since
        }
        Map<String, Rejected> stillRejected = new LinkedHashMap<>();
        List<Loaded> next = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            PolicyFolder.Period p = periods.get(i);
            String hash = Policy.hash(p.folder());
            Loaded old = before.get(p.name());
            String fingerprint = fingerprint(p);
            // a period whose years change (a neighbour added or removed) is checked again on the years it now judges
            if (old != null && old.fingerprint().equals(fingerprint) && !layout.yearsChanged(p.name())) {
                next.add(old);
                continue;
            }
            Rejected known = rejected.get().get(p.name());
            if (known != null && known.fingerprint().equals(fingerprint)) {
                stillRejected.put(p.name(), known);  // the same broken edit: not checked again
                if (old != null) {
                    next.add(old);
                }
                continue;
            }
            CheckReport check = PolicyCheck.checkPeriod(periods, i, true, List.of()).report();
            if (check.hasErrors() || check.hasWarnings() && !scenariosPass(check)) {
                stillRejected.put(p.name(), new Rejected(p.name(), hash, Instant.now(), check, fingerprint));
                if (old != null) {
                    next.add(old);  // its last good rules go on answering
                }
            } else {
                next.add(loaded(p, check));
            }
        }
        watch.rewatch();
        if (!layout.removed().isEmpty() && !stillRejected.isEmpty()) {
            // a period removed is taken only when every period left validates on the years it would then judge
            refusedLayout = signature;
            Map<String, Rejected> refused = new LinkedHashMap<>(stillRejected);
            previous.stream().filter(l -> layout.removed().contains(l.period().name()))
                    .forEach(l -> refused.put(l.period().name(), removalRefused(l, layout)));
            rejected.set(refused);
            note(new PeriodChange(Instant.now(), layout.describe(), false));
            return;
        }
        refusedLayout = "";
        lastSeen = periods;
        if (layout.changed()) {
            note(new PeriodChange(Instant.now(), layout.describe(), true));
            LOG.info("rule periods changed: {}", layout.describe());
        }
        if (next.isEmpty()) {
            rejected.set(stillRejected);
            return;
        }
        if (!next.equals(current.get().policies())) {
            current.set(current(folder, next));
        }
        rejected.set(stillRejected);
    }

    /** A removed period kept in service because a period left does not validate, with why, for the page. */
    private static Rejected removalRefused(Loaded removed, PeriodLayout layout) {
        String why = layout.describe() + "。残りの期間に誤りがあるので、この変更は取り込まず、" + removed.period().name()
                + " のルールで評価を続けます";
        return new Rejected(removed.period().name(), removed.hash(), Instant.now(),
                CheckReport.refused(removed.period().folder().toString(), why), "");
    }

    /** The period folders and their files, as a removal refused is remembered. */
    private static String signature(List<PolicyFolder.Period> periods) {
        return String.join("|", periods.stream().map(p -> p.name() + "=" + fingerprint(p)).toList());
    }

    /** Keeps the last ten changes of the periods, for the page. */
    private void note(PeriodChange change) {
        List<PeriodChange> changes = new ArrayList<>(periodChanges.get());
        changes.add(change);
        periodChanges.set(List.copyOf(changes.subList(Math.max(0, changes.size() - 10), changes.size())));
    }

    /** Warnings other than failing scenario cases do not stop an edit; a case that fails does. */
    private static boolean scenariosPass(CheckReport check) {
        return check.failedCases() == 0;
    }

    private void reject(String period, String hash, CheckReport check) {
        Map<String, Rejected> map = new LinkedHashMap<>(rejected.get());
        map.put(period, new Rejected(period, hash, Instant.now(), check, ""));
        rejected.set(map);
    }

    private static Loaded loaded(PolicyFolder.Period period, CheckReport check) {
        String hash = Policy.hash(period.folder());
        Policy policy = new Policy(new PolicyRef(period.name(), hash.substring(0, 8)), period.firstYear(),
                period.folder(), check.rules());
        return new Loaded(period, policy, hash, Instant.now(), check, fingerprint(period));
    }

    /** What a reload compares: the rule files and the scenario files, which decide whether an edit is taken. */
    private static String fingerprint(PolicyFolder.Period period) {
        Path tests = period.folder().resolve("tests");
        return Policy.hash(period.folder()) + (Files.isDirectory(tests) ? Policy.hash(tests, ".csv") : "");
    }

    private static Current current(Path folder, List<Loaded> loaded) {
        List<Policy> policies = loaded.stream().map(Loaded::policy).toList();
        String hash = loaded.size() == 1 ? loaded.get(0).hash()
                : String.join("+", loaded.stream().map(l -> l.hash().substring(0, 8)).toList());
        return new Current(List.copyOf(loaded), new PolicyEngine(folder, policies, false), hash);
    }

    /** A reload that failed in the service itself (any Throwable): shown as a rejected attempt, the rules kept. */
    private void failed(Throwable e) {
        LOG.error("rule reload failed", e);
        reject(folder.getFileName().toString(), "", CheckReport.refused(folder.toString(),
                String.valueOf(e.getMessage())));
    }

    @Override
    public void close() {
        watch.close();
        if (history != null) {
            history.close();
        }
    }
}
