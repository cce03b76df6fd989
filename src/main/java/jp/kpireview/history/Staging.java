package jp.kpireview.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;
import java.util.stream.Stream;
import jp.kpireview.domain.PolicyRef;
import jp.kpireview.engine.Policy;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.io.FileFailure;
import jp.kpireview.rulebase.PolicyFolder;
import jp.kpireview.validate.CheckReport;
import jp.kpireview.validate.PolicyCheck;

/**
 * A version of a rule folder laid out on disk before it is taken, to be checked exactly as {@code validate} and
 * {@code test-rules} check a folder, and evaluated for {@code diff}. It sits beside the rule folder, at the same depth,
 * so the rules the folder shares through 共通.txt ({@code ../examples/…}) are found the same way; its findings name
 * the rule folder's files, not the staging folder's.
 */
public final class Staging implements AutoCloseable {

    private static final String PREFIX = ".kpi-review-staging-";

    private final Path folder;
    private final Path real;
    private List<PolicyCheck.PeriodReport> reports;

    private Staging(Path folder, Path real) {
        this.folder = folder;
        this.real = real;
    }

    /** Lays out {@code files} as the next version of the rule folder {@code real}. */
    public static Staging of(Path real, SortedMap<String, byte[]> files) {
        Path rules = real.toAbsolutePath().normalize();
        Path folder = rules.resolveSibling(PREFIX + UUID.randomUUID());
        try {
            Files.createDirectory(folder);
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.WRITE, folder, e);
        }
        Staging staging = new Staging(folder, rules);
        try {
            FolderFiles.write(folder, files);
        } catch (RuntimeException e) {
            staging.close();
            throw e;
        }
        return staging;
    }

    /** Deletes the staging folders a stopped process left beside {@code real}. */
    public static void deleteLeftovers(Path real) {
        Path parent = real.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            return;
        }
        try (Stream<Path> entries = Files.list(parent)) {
            entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)).forEach(Staging::delete);
        } catch (IOException e) {
            // nothing to clean, or nothing we may clean
        }
    }

    /** Each period checked as validate and test-rules check it, findings naming the rule folder's files. */
    public List<PolicyCheck.PeriodReport> check() {
        if (reports == null) {
            reports = PolicyCheck.check(folder, true, List.of()).stream().map(r -> new PolicyCheck.PeriodReport(
                    r.period(), r.years(), shown(r.report()))).toList();
        }
        return reports;
    }

    /** True when every period is free of errors and its scenarios pass (what the service takes from a folder). */
    public boolean clean() {
        return check().stream().noneMatch(r -> r.report().hasErrors() || r.report().failedCases() > 0);
    }

    /** The policy versions the reports of this version would print ({@code rules@1a2b3c4d}). */
    public List<String> policies() {
        return policies(folder, real.getFileName().toString());
    }

    /**
     * The policy versions of the rule folder {@code folder}, as its reports print them; none when its layout cannot be
     * read (two periods of one year: the check says so).
     */
    public static List<String> policies(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        try {
            return policies(folder, name == null ? folder.toString() : name.toString());
        } catch (jp.kpireview.rulebase.RuleSetException e) {
            return List.of();
        }
    }

    private static List<String> policies(Path folder, String flatName) {
        List<String> refs = new ArrayList<>();
        for (PolicyFolder.Period p : PolicyFolder.periods(folder)) {
            refs.add(ref(p, flatName).label());
        }
        return refs;
    }

    /** The engine of the checked rules, named as the rule folder's would be; call only when {@link #clean()}. */
    public PolicyEngine engine() {
        List<Policy> policies = check().stream().map(r -> new Policy(ref(r.period(), real.getFileName().toString()),
                r.period().firstYear(), r.period().folder(), r.report().rules())).toList();
        return new PolicyEngine(folder, policies, false);
    }

    private static PolicyRef ref(PolicyFolder.Period p, String flatName) {
        String hash = Policy.hash(p.folder()).substring(0, 8);
        return new PolicyRef(p.firstYear() == null ? flatName : p.name(), hash);
    }

    /** A report whose findings name the rule folder's files rather than the staging folder's. */
    private CheckReport shown(CheckReport report) {
        String from = folder.toString();
        String to = real.toString();
        List<CheckReport.Finding> findings = report.findings().stream().map(f -> new CheckReport.Finding(f.level(),
                f.file().startsWith(from) ? to + f.file().substring(from.length()) : f.file(), f.line(),
                f.message().replace(from, to))).toList();
        return new CheckReport(report.rules(), report.summary(), findings, report.failedCases());
    }

    @Override
    public void close() {
        delete(folder);
    }

    private static void delete(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a folder another process is deleting too; what is left goes at the next start
        }
    }
}
