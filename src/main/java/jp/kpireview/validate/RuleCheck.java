package jp.kpireview.validate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Direction;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.RuleStep;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.engine.RuleBase;
import jp.kpireview.engine.RuleProblem;
import jp.kpireview.engine.RuleSetException;
import org.kie.api.definition.rule.Rule;
import jp.kpireview.scenario.Scenario;
import jp.kpireview.scenario.ScenarioFile;
import jp.kpireview.scenario.ScenarioRun;

/**
 * Checks a rule folder before it is used: it compiles, and the policy it encodes has no holes. The checks run the
 * rules themselves on probe KPIs — Java knows no threshold — and look at what came out: every probe score lands in
 * exactly one band, the bands follow the score, the clamp limits are in order, every direction has a symbol, every
 * KPI gets a status. Scenario files in the folder's {@code tests/} are run too.
 */
public final class RuleCheck {

    public enum Level { ERROR, WARNING }

    /** One thing found, located at a file (and line, 0 for the file as a whole). */
    public record Finding(Level level, String file, int line, String message) {

        @Override
        public String toString() {
            return (level == Level.ERROR ? "error: " : "warning: ") + file + (line > 0 ? ":" + line : "") + ": "
                    + message;
        }
    }

    /**
     * What the check found, with a line per policy aspect for people to read.
     *
     * @param rules the compiled rules; null when they do not compile
     */
    public record Report(RuleBase rules, List<String> summary, List<Finding> findings) {

        /** The errors as a rule-set exception, for commands that refuse a folder with errors. */
        public RuleSetException errors() {
            return new RuleSetException(findings.stream().filter(f -> f.level() == Level.ERROR)
                    .map(f -> new RuleProblem(f.file(), f.line(), f.message())).toList());
        }

        public boolean hasErrors() {
            return findings.stream().anyMatch(f -> f.level() == Level.ERROR);
        }

        public boolean hasWarnings() {
            return findings.stream().anyMatch(f -> f.level() == Level.WARNING);
        }
    }

    private static final int YEAR = 2018;
    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal FAR = new BigDecimal("1000000");

    private final RuleBase rules;
    private final ReviewEngine engine;
    private final List<String> summary = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, TreeSet<String>> unresolved = new TreeMap<>();

    private RuleCheck(RuleBase rules) {
        this.rules = rules;
        this.engine = new ReviewEngine(rules, true);
    }

    /** @param scenarios also run the scenario files of the folder's {@code tests/} (their failures are warnings) */
    public static Report check(Path folder, boolean scenarios) {
        RuleBase rules;
        try {
            rules = RuleBase.load(folder);
        } catch (RuleSetException e) {
            return new Report(null, List.of(), e.problems().stream()
                    .map(p -> new Finding(Level.ERROR, p.file(), p.line(), p.message())).toList());
        }
        RuleCheck check = new RuleCheck(rules);
        check.summary.add(String.format("rules: %d files, %d rules, compiled", rules.files().size(),
                rules.kieBase().getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum()));
        try {
            check.run();
            if (scenarios) {
                check.scenarios(folder.resolve("tests"));
            }
            check.explanations();
        } catch (RuleSetException e) {
            e.problems().forEach(p -> check.findings.add(new Finding(Level.ERROR, p.file(), p.line(), p.message())));
        }
        return new Report(rules, check.summary, check.findings);
    }

    private void run() {
        ReviewEngine.Tables tables = engine.tables();
        String increase = directions(tables);
        if (increase != null) {
            bands(tables.bands(), increase);
        }
        otherDirections(tables);
    }

    /**
     * Every rule that decides something explains itself ({@code @explain("…")}), and its explanation names only
     * values the rule has: explain prints these words, so a typo would print a riddle.
     */
    private void explanations() {
        for (Rule rule : rules.decidingRules()) {
            if (!rule.getMetaData().containsKey("explain")) {
                RuleProblem at = rules.locate(rule);
                findings.add(new Finding(Level.WARNING, at.file(), at.line(), "rule \"" + rule.getName()
                        + "\" has no @explain(\"…\"): explain will show only its effects"));
            }
        }
        unresolved.forEach((rule, names) -> {
            RuleProblem at = rules.locate(rules.kieBase().getRule("kpireview.rules", rule));
            findings.add(new Finding(Level.WARNING, at.file(), at.line(), "rule \"" + rule + "\": @explain names "
                    + String.join(", ", names.stream().map(n -> "{" + n + "}").toList())
                    + ", which the rule does not have (use its variables such as {$x.field}, {new.field}, {kpi.field}"
                    + " or {outcome.field})"));
        });
    }

    /** Remembers the placeholders of each rule's explanation that named nothing, from the probes' traces. */
    private void collectUnresolved(List<RuleStep> steps) {
        for (RuleStep step : steps) {
            if (!step.unresolved().isEmpty()) {
                unresolved.computeIfAbsent(step.rule(), r -> new TreeSet<>()).addAll(step.unresolved());
            }
        }
    }

    /** Every direction has a symbol; returns a symbol meaning increase for the probes. */
    private String directions(ReviewEngine.Tables tables) {
        List<String> parts = new ArrayList<>();
        for (Direction d : Direction.values()) {
            List<String> symbols = tables.directions().symbolsOf(d);
            if (symbols.isEmpty()) {
                warning(file("direction.drl"), "no symbol means " + name(d) + ": such KPIs cannot be written");
            }
            parts.add(name(d) + " " + String.join(" ", symbols));
        }
        summary.add("directions: " + String.join(" · ", parts));
        List<String> up = tables.directions().symbolsOf(Direction.INCREASE);
        return up.isEmpty() ? null : up.get(0);
    }

    /**
     * Probe KPIs whose raw score is exactly each band edge, a cent either side, −0.0, ±100 and far beyond: each must
     * be scored, get exactly one band, and the bands must rise with the score; far beyond shows the clamp limits.
     */
    private void bands(List<Band> bands, String increase) {
        TreeSet<BigDecimal> raws = new TreeSet<>(List.of(new BigDecimal("-100"), new BigDecimal("100"),
                FAR, FAR.negate()));
        bands.stream().map(Band::lower).filter(e -> e != null).forEach(e -> raws.addAll(List.of(e, e.subtract(CENT),
                e.add(CENT))));
        List<BigDecimal> probes = new ArrayList<>(raws);
        probes.add(new BigDecimal("-0.0"));
        List<Kpi> kpis = probes.stream().map(raw -> scoring(increase, raw)).toList();
        ReviewEngine.Attempt attempt = engine.attempt(kpis, List.of(YEAR));
        if (!attempt.problems().isEmpty()) {
            throw new jp.kpireview.domain.DataException(attempt.problems());
        }
        List<Evaluation> results = attempt.reviews().get(0).evaluations();
        collectUnresolved(attempt.steps());
        Map<BigDecimal, Integer> bandByScore = new TreeMap<>();
        for (int i = 0; i < results.size(); i++) {
            Evaluation e = results.get(i);
            String probe = "a score of " + probes.get(i).toPlainString();
            long written = e.trace().stream().filter(step -> step.band() != null).count();
            if (!e.scored()) {
                error(file("score.drl"), probe + " is not scored (" + e.status().code() + ")");
            } else if (written != 1) {
                error(file("bands.drl"), probe + (written == 0 ? " gets no band (a gap)" : " gets " + written
                        + " bands (an overlap)"));
            } else {
                bandByScore.put(e.score(), bands.indexOf(e.band()));
            }
        }
        checkOrder(bandByScore, bands);
        BigDecimal low = results.get(probes.indexOf(FAR.negate())).score();
        BigDecimal high = results.get(probes.indexOf(FAR)).score();
        if (low != null && high != null && high.compareTo(low) < 0) {
            error(file("score.drl"), "the clamp limits are not in order: a raw score of 1000000 gives "
                    + high.toPlainString() + ", one of -1000000 gives " + low.toPlainString());
        }
        summary.add("bands: " + describe(bands) + "; " + probes.size() + " probe scores (each edge, a cent either side,"
                + " -0.0, ±100) each in exactly one band");
        summary.add("clamp: raw -1000000 → " + shown(low) + ", raw 1000000 → " + shown(high));
    }

    private void checkOrder(Map<BigDecimal, Integer> bandByScore, List<Band> bands) {
        int previous = -1;
        BigDecimal previousScore = null;
        for (Map.Entry<BigDecimal, Integer> e : bandByScore.entrySet()) {
            if (e.getValue() < previous) {
                error(file("bands.drl"), "the bands do not follow the score: " + e.getKey().toPlainString() + " is "
                        + bands.get(e.getValue()).mark() + " but the lower " + previousScore.toPlainString() + " is "
                        + bands.get(previous).mark());
            }
            previous = e.getValue();
            previousScore = e.getKey();
        }
    }

    /** Each direction's KPIs get a status, and a band when scored (the engine refuses otherwise). */
    private void otherDirections(ReviewEngine.Tables tables) {
        List<Kpi> kpis = new ArrayList<>();
        for (Direction d : Direction.values()) {
            for (String symbol : tables.directions().symbolsOf(d).stream().limit(1).toList()) {
                kpis.add(kpi(symbol, "100", "0", "60", null));
                kpis.add(kpi(symbol, "100", "0", "120", null));
                kpis.add(kpi(symbol, "0", "100", "97", null));
                kpis.add(kpi(symbol, "0", "100", null, null));
            }
        }
        ReviewEngine.Attempt attempt = engine.attempt(kpis, List.of(YEAR));
        if (!attempt.problems().isEmpty()) {
            throw new jp.kpireview.domain.DataException(attempt.problems());
        }
        collectUnresolved(attempt.steps());
        summary.add("statuses: " + kpis.size() + " probe KPIs of every direction each got a status and, when scored,"
                + " a band");
    }

    private void scenarios(Path tests) {
        List<Path> files = ScenarioFile.files(tests);
        if (files.isEmpty()) {
            warning(tests.toString(), "no scenario files: nothing says what these rules must conclude");
            return;
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (Path f : files) {
            try {
                scenarios.addAll(ScenarioFile.read(f));
            } catch (DataException e) {
                e.problems().forEach(p -> findings.add(new Finding(Level.WARNING, p.source().toString(), 0,
                        p.field() + ": " + p.message())));
            }
        }
        ScenarioRun.Result result = ScenarioRun.run(rules, scenarios);
        result.unresolvedExplanations().forEach((rule, names) ->
                unresolved.computeIfAbsent(rule, r -> new TreeSet<>()).addAll(names));
        result.failures().forEach(f -> warning(f.scenario().source().toString(), "'" + f.scenario().name() + "': "
                + f.field() + " expected " + f.expected() + ", got " + f.actual()));
        result.unexercised().forEach(r -> warning(tests.toString(), "no scenario makes rule \"" + r + "\" fire"));
        summary.add("scenarios: " + result.cases() + " cases, " + result.failures().size() + " differ");
    }

    /** An increasing KPI whose raw score is exactly {@code raw}: measured against a plan of 100 from 0. */
    private static Kpi scoring(String increase, BigDecimal raw) {
        return raw.signum() >= 0
                ? kpi(increase, "0", "1000000000", raw.toPlainString(), "100")
                : kpi(increase, "0", "100", raw.toPlainString(), null);
    }

    private static Kpi kpi(String symbol, String baseline, String target, String actual, String plan) {
        TreeMap<Integer, BigDecimal> actuals = new TreeMap<>();
        actuals.put(2015, new BigDecimal(baseline));
        if (actual != null) {
            actuals.put(YEAR, new BigDecimal(actual));
        }
        TreeMap<Integer, BigDecimal> plans = new TreeMap<>();
        if (plan != null) {
            plans.put(YEAR, new BigDecimal(plan));
        }
        return new Kpi("probe", "probe", "(probe)", "1", "probe", "probe", "%", symbol, 2014, new BigDecimal(baseline),
                2019, new BigDecimal(target), actuals, plans, "", new SourceLocation("probe", 0));
    }

    /** The rule file a finding is about, or the folder when the policy lives in other files. */
    private String file(String name) {
        Path file = rules.folder().resolve(name);
        return rules.files().contains(file) ? file.toString() : rules.folder().toString();
    }

    private static String describe(List<Band> bands) {
        List<String> parts = new ArrayList<>();
        bands.stream().sorted(Comparator.comparing(b -> b.lower() == null ? BigDecimal.valueOf(Long.MIN_VALUE)
                : b.lower())).forEach(b -> parts.add(b.mark() + (b.lower() == null ? " below the first edge"
                : " from " + b.lower().toPlainString())));
        return String.join(" · ", parts);
    }

    private static String shown(BigDecimal value) {
        return value == null ? "—" : value.toPlainString();
    }

    private static String name(Direction d) {
        return d.name().toLowerCase(Locale.ROOT);
    }

    private void error(String file, String message) {
        findings.add(new Finding(Level.ERROR, file, 0, message));
    }

    private void warning(String file, String message) {
        findings.add(new Finding(Level.WARNING, file, 0, message));
    }
}
