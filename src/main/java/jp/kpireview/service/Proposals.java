package jp.kpireview.service;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import jp.kpireview.batch.YearSelection;
import jp.kpireview.diff.RuleDiff;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.history.FolderFiles;
import jp.kpireview.history.PolicyHistory;
import jp.kpireview.history.Staging;
import jp.kpireview.history.Version;
import jp.kpireview.io.KpiData;
import jp.kpireview.report.DiffReport;
import jp.kpireview.validate.CheckReport;
import jp.kpireview.validate.PolicyCheck;

/**
 * Table changes proposed from the page, each checked as {@code validate} and {@code test-rules} check a folder and
 * evaluated against the version it was made from as {@code diff} does, before anyone may publish it. Kept in memory
 * (the latest {@value #KEPT}); a proposal is a draft until published, and only a published one is in the history.
 */
final class Proposals {

    /**
     * One proposal.
     *
     * @param base     the version it was made from (its id)
     * @param changed  the files it changes against the base, by their paths in the folder (a table, and the
     *                 scenarios that pin what the table decides)
     * @param files    the whole folder as it would be
     * @param reports  the check of each period
     * @param clean    no errors and every scenario passes: it may be published
     * @param impact   what changes on the data, as {@code diff} prints it; empty when the rules have errors
     */
    record Proposal(String id, String base, List<String> changed, String author, String reason, Instant at,
            SortedMap<String, byte[]> files, List<PolicyCheck.PeriodReport> reports, boolean clean, String impact) {
    }

    static final int KEPT = 20;

    private final Map<String, Proposal> kept = new LinkedHashMap<>();

    /**
     * Checks {@code table} (the bytes as the folder would keep them) in place of {@code file} of the latest version, or
     * of an earlier proposal ({@code from}, which it then carries on: its files and its base).
     */
    static Proposal make(RuleHolder holder, Proposal from, String file, byte[] table, String author, String reason,
            List<Path> data) {
        PolicyHistory history = holder.history();
        Version head = history.head();
        // a proposal carried on keeps its base, and lists what it changes against that version, even when another
        // has been published since (it cannot be published then, and says what it would change)
        SortedMap<String, byte[]> base = history.files(from == null ? head : history.version(from.base()));
        SortedMap<String, byte[]> files = new TreeMap<>(from == null ? base : from.files());
        files.put(file, table);
        List<String> changed = FolderFiles.differences(base, files);
        String id = newId();
        try (Staging staging = Staging.of(history.folder(), files)) {
            List<PolicyCheck.PeriodReport> reports = staging.check();
            boolean compiled = reports.stream().noneMatch(r -> r.report().hasErrors());
            // the impact is shown whenever the rules run, so a failing scenario can be told from a wanted change
            String impact = compiled ? impact(holder.current().engine(), staging.engine(), data, "今の版 "
                    + head.shortId(), "提案 " + id) : "";
            // kept without the compiled rules: twenty proposals must not hold twenty rule bases
            List<PolicyCheck.PeriodReport> kept = reports.stream().map(r -> new PolicyCheck.PeriodReport(r.period(),
                    r.years(), new jp.kpireview.validate.CheckReport(null, r.report().summary(),
                            r.report().findings(), r.report().failedCases()))).toList();
            return new Proposal(id, from == null ? head.id() : from.base(), changed, author, reason, Instant.now(),
                    files, kept, staging.clean(), impact);
        }
    }

    /** What the second engine changes against the first on {@code data}, as the diff command prints it. */
    static String impact(PolicyEngine before, PolicyEngine after, List<Path> data, String beforeName,
            String afterName) {
        RuleDiff diff = new RuleDiff(before, after, YearSelection.ALL);
        RuleDiff.Accumulator changes = new RuleDiff.Accumulator();
        for (Path file : data) {
            diff.compare(KpiData.read(file), changes);
        }
        StringWriter text = new StringWriter();
        DiffReport.print(changes.result(), beforeName, afterName, new PrintWriter(text));
        return text.toString();
    }

    synchronized void add(Proposal p) {
        kept.put(p.id(), p);
        while (kept.size() > KEPT) {
            kept.remove(kept.keySet().iterator().next());
        }
    }

    synchronized Proposal get(String id) {
        return id == null ? null : kept.get(id);
    }

    synchronized void remove(String id) {
        kept.remove(id);
    }

    /** The proposals kept, newest first. */
    synchronized List<Proposal> all() {
        List<Proposal> all = new ArrayList<>(kept.values());
        java.util.Collections.reverse(all);
        return all;
    }

    private static String newId() {
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
