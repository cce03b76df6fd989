package jp.kpireview.rules;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.rulebase.RuleBase;

/**
 * Builds small KPIs for rule tests and evaluates them with the project's own {@code rules/} folder, tracing which
 * rules fired. The rule base is compiled once per test run.
 */
public final class KpiFixture {

    public static final int YEAR = 2018;
    private static RuleBase rules;
    private String targetBound = "";

    private String id = "k";
    private String direction = "↗";
    private String unit = "件";
    private BigDecimal baseline = BigDecimal.ZERO;
    private BigDecimal target = BigDecimal.TEN;
    private final TreeMap<Integer, BigDecimal> actuals = new TreeMap<>();
    private final TreeMap<Integer, BigDecimal> annualTargets = new TreeMap<>();

    public static KpiFixture kpi(String direction) {
        KpiFixture fixture = new KpiFixture();
        fixture.direction = direction;
        return fixture;
    }

    public static synchronized RuleBase rules() {
        if (rules == null) {
            rules = RuleBase.load(Path.of("rules"));
        }
        return rules;
    }

    /** The direction symbols the project's rules accept. */
    public static java.util.Set<String> symbols() {
        return new ReviewEngine(rules()).tables().directions().getSymbols();
    }

    /** A copy of the project's rule files (*.drl) in {@code folder}, each passed through {@code edit}. */
    public static Path copyOfRules(Path folder, UnaryOperator<String> edit) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            for (Path f : files.filter(f -> f.toString().matches(".*\\.(drl|drt|csv|xlsx)")).toList()) {
                Files.writeString(folder.resolve(f.getFileName()), edit.apply(Files.readString(f)));
            }
        }
        return folder;
    }

    /**
     * A stand-alone copy of the policy in {@code from}: every rule file it runs with, its own and shared ones (so the
     * copy does not depend on where {@code 共通.txt} pointed), each edited, and its scenario files.
     */
    public static Path copyOfPolicy(Path from, Path folder, UnaryOperator<String> edit) throws IOException {
        Files.createDirectories(folder.resolve("tests"));
        for (jp.kpireview.rulebase.RuleFiles.RuleFile f : jp.kpireview.rulebase.RuleFiles.of(from)) {
            Files.writeString(folder.resolve(f.name()), edit.apply(Files.readString(f.path())));
        }
        if (Files.isDirectory(from.resolve("tests"))) {
            try (Stream<Path> files = Files.list(from.resolve("tests"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, folder.resolve("tests").resolve(f.getFileName()));
                }
            }
        }
        return folder;
    }

    public KpiFixture id(String value) {
        id = value;
        return this;
    }

    public KpiFixture unit(String value) {
        unit = value;
        return this;
    }

    public KpiFixture baseline(String value) {
        baseline = new BigDecimal(value);
        return this;
    }

    public KpiFixture target(String value) {
        target = new BigDecimal(value);
        return this;
    }

    public KpiFixture actual(int year, String value) {
        actuals.put(year, new BigDecimal(value));
        return this;
    }

    /** The actual of the evaluated year, with 2015 as the first year with an actual. */
    public KpiFixture actual(String value) {
        actuals.putIfAbsent(2015, baseline);
        return actual(YEAR, value);
    }

    /** The target written 以上 or 以下 (80%以上). */
    public KpiFixture targetBound(String value) {
        targetBound = value;
        return this;
    }

    public KpiFixture annualTarget(String value) {
        annualTargets.put(YEAR, new BigDecimal(value));
        return this;
    }

    public Kpi build() {
        return new Kpi("test", id, "(1) test", "1", "business", "kpi", unit, direction, 2014, baseline, 2019, target, actuals,
                annualTargets, "", new SourceLocation("test.csv", 2), targetBound);
    }

    /** Evaluates this KPI for FY2018 with the project's rules. */
    public Evaluation evaluate() {
        return evaluateFor(YEAR);
    }

    public Evaluation evaluateFor(int year) {
        return new ReviewEngine(rules(), true).evaluate(List.of(build()), year).evaluations().get(0);
    }
}
