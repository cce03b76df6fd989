package jp.kpireview.validate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Direction;
import jp.kpireview.domain.RuleStep;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.facts.Counted;
import jp.kpireview.facts.Reference;
import jp.kpireview.facts.Score;
import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.rulebase.RuleFiles;
import jp.kpireview.rulebase.RuleProblem;
import jp.kpireview.rulebase.RuleSetException;
import jp.kpireview.scenario.Scenario;
import jp.kpireview.scenario.ScenarioFile;
import jp.kpireview.scenario.ScenarioRun;
import jp.kpireview.validate.CheckReport.Finding;
import jp.kpireview.validate.CheckReport.Level;
import org.kie.api.definition.rule.Rule;

/**
 * Checks a rule folder before it is used: it compiles, and the policy it encodes has no holes. The checks run the
 * rules themselves on probe KPIs — Java knows no threshold — and look at what came out: every probe score lands in
 * exactly one band, the bands follow the score, the clamp limits are in order, every direction has a symbol, every
 * KPI gets a status. Scenario files in the folder's {@code tests/} are run too.
 */
public final class RuleCheck {

    /** The fiscal years probed when no data says which: the first strategy period to the end of the third. */
    static final List<Integer> DEFAULT_YEARS = java.util.stream.IntStream.rangeClosed(2015, 2030).boxed().toList();
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final RuleBase rules;
    private final ReviewEngine engine;
    private final List<String> summary = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, TreeSet<String>> unresolved = new TreeMap<>();
    private final List<Integer> years;
    /** The scenario cases whose expectations the rules did not meet. */
    private long failedCases;

    private RuleCheck(RuleBase rules, List<Integer> years, ReviewEngine.Trace trace) {
        this.rules = rules;
        this.years = years;
        this.engine = new ReviewEngine(rules, trace);
    }

    /** @param scenarios also run the scenario files of the folder's {@code tests/} (their failures are warnings) */
    public static CheckReport check(Path folder, boolean scenarios) {
        return check(folder, scenarios, DEFAULT_YEARS);
    }

    /** @param years the fiscal years to probe (those of the data to be evaluated, or a strategy period) */
    public static CheckReport check(Path folder, boolean scenarios, List<Integer> years) {
        return check(folder, scenarios, years, true);
    }

    /**
     * The check a run makes before it evaluates: its errors refuse the folder. The warnings about what explain will
     * print are left to validate: finding where each rule is written would parse every file of rules the cache holds.
     */
    public static CheckReport beforeRun(Path folder, List<Integer> years) {
        List<Integer> probed = years.isEmpty() ? DEFAULT_YEARS : years;
        RuleBase rules;
        try {
            rules = RuleBase.load(folder);
        } catch (RuleSetException e) {
            return CheckReport.refused(e);
        }
        if (rules.checkedClean(probed)) {
            // the same rules, Drools and build were checked on these years by an earlier run, and found clean
            return new CheckReport(rules, List.of("ルール: 前の実行で確かめ済み (ファイルは変わっていません)"), List.of());
        }
        CheckReport report = check(rules, folder, false, probed, false);
        if (!report.hasErrors()) {
            rules.markCheckedClean(probed);
        }
        return report;
    }

    private static CheckReport check(Path folder, boolean scenarios, List<Integer> years, boolean explanations) {
        RuleBase rules;
        try {
            rules = RuleBase.load(folder);
        } catch (RuleSetException e) {
            return CheckReport.refused(e);
        }
        return check(rules, folder, scenarios, years, explanations);
    }

    private static CheckReport check(RuleBase rules, Path folder, boolean scenarios, List<Integer> years,
            boolean explanations) {
        // a run's check wants the effects only; validate also the words, to find a placeholder that names nothing
        RuleCheck check = new RuleCheck(rules, years.isEmpty() ? DEFAULT_YEARS : years, explanations
                ? ReviewEngine.Trace.EFFECTS : ReviewEngine.Trace.STEPS);
        List<String> shared = rules.ruleFiles().stream().filter(RuleFiles.RuleFile::shared)
                .map(f -> f.name() + " (" + f.from() + ")").toList();
        check.summary.add(String.format("ルール: %d ファイル%s、%d ルール、%s", rules.files().size(),
                shared.isEmpty() ? "" : " (共通: " + String.join(", ", shared) + ")",
                rules.kieBase().getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum(),
                rules.cached() ? "前の実行でコンパイル済み (ファイルは変わっていません)" : "コンパイルしました"));
        if (rules.modelRefusal() != null) {
            check.findings.add(new Finding(Level.WARNING, folder.toString(), 0, "ルールを Drools の実行モデルに変換できない"
                    + "ため、毎回コンパイルし直します (遅くなります)。条件で kpi.unit ではなく kpi.unitName と書くなど、"
                    + "次の原因を直してください: " + rules.modelRefusal()));
        }
        try {
            check.run();
            if (scenarios) {
                check.scenarios(folder.resolve("tests"));
            }
            if (explanations) {
                check.explanations();
            }
        } catch (RuleSetException e) {
            check.findings.addAll(CheckReport.errorsOf(e));
        }
        return new CheckReport(rules, check.summary, check.findings, check.failedCases);
    }

    /** The band table, where the bands are written when the policy keeps them in one (else in bands.drl). */
    private static final List<String> BAND_TABLES = List.of("区分表.csv", "区分表.xlsx");

    private void run() {
        ReviewEngine.Tables tables = engine.tables();
        directions(tables);
        Probes probes = new Probes(engine);
        List<Probes.Change> changes;
        try {
            changes = probes.explore(templates(tables, false));
        } catch (RuleSetException withoutTargets) {
            // a policy may judge only KPIs whose annual target (年度目標値) the city set, as 長野県 judges by its
            // 目安値: probes that carry one are its probes, and the data must carry one for every KPI
            probes = new Probes(engine);
            try {
                changes = probes.explore(templates(tables, true));
            } catch (RuleSetException | DataException withTargets) {
                throw withoutTargets;
            }
            summary.add("年度目標値: この方針は年度目標値のある KPI だけを評価します (年度目標値のない KPI にはどのルールも"
                    + "区分をつけません)。データのすべての KPI に年度目標値が要ります");
        }
        BandCheck bands = BandCheck.of(tables.bands(), probes, changes);
        bands.issues().forEach(i -> findings.add(new Finding(i.error() ? Level.ERROR : Level.WARNING,
                file(BAND_TABLES.stream().filter(t -> rules.file(t) != null).findFirst().orElse("bands.drl")), 0,
                i.message())));
        for (SlipCheck.Slip slip : SlipCheck.of(tables.bands(), probes, tables.directions())) {
            RuleProblem at = slip.rule() == null ? new RuleProblem(rules.folder().toString(), 0, "")
                    : placeOf(slip.rule());
            findings.add(new Finding(Level.WARNING, at.file(), at.line(), (slip.rule() == null ? ""
                    : "ルール \"" + slip.rule() + "\": ") + slip.message()));
        }
        summary.add("区分: " + describe(tables.bands()) + (tables.terms().hasScore()
                ? "。どの境界も、ルール自身のスコアで区分が変わる所にありました" : "") + " (すべての方向、FY"
                + years.get(0) + "–FY" + years.get(years.size() - 1) + "、試しの KPI・年度 " + probes.points.size()
                + ")");
        summary.add("スコア: " + bands.range());
        summary.add("用語: " + terms(tables.terms()));
        concerns(probes.steps, tables);
        collectUnresolved(probes.steps);
    }

    /**
     * Probe KPIs of each direction (its first symbol) in each probed year: up from 0 to 100, down, kept at 100;
     * with {@code annualTargets}, each with the city's annual target of the year halfway (kept: at 100).
     */
    private List<Probes.Template> templates(ReviewEngine.Tables tables, boolean annualTargets) {
        List<Probes.Template> templates = new ArrayList<>();
        for (Direction d : Direction.values()) {
            List<String> symbols = tables.directions().symbolsOf(d);
            if (symbols.isEmpty()) {
                continue;
            }
            BigDecimal from = d == Direction.DECREASE ? HUNDRED : BigDecimal.ZERO;
            BigDecimal to = d == Direction.INCREASE ? HUNDRED : d == Direction.DECREASE ? BigDecimal.ZERO : HUNDRED;
            if (d == Direction.MAINTAIN) {
                from = HUNDRED;
            }
            for (int year : years) {
                templates.add(new Probes.Template(symbols.get(0), from, to, year, annualTargets
                        ? from.add(to).divide(BigDecimal.valueOf(2)) : null));
            }
        }
        return templates;
    }

    /**
     * Each concern of a review must have a rule that acts on the probes: a reference, a score, a band, ☆ and a
     * summary. A folder that lost one (a file cut at a rule boundary) is refused, naming what is missing.
     */
    private void concerns(List<RuleStep> steps, ReviewEngine.Tables tables) {
        Map<String, Predicate<RuleStep>> concerns = new LinkedHashMap<>();
        if (tables.terms().hasScore()) {
            concerns.put("基準 (実績値を何と比べるか: Reference を入れるルール)",
                    s -> s.inserted().contains(Reference.class));
            concerns.put(tables.terms().score() + " (スコア: Score を入れるルール)",
                    s -> s.inserted().contains(Score.class));
        }
        concerns.put("区分 (KPI に区分をつけるルール)", s -> s.band() != null);
        if (tables.terms().hasFlag()) {
            concerns.put(tables.terms().flag() + " " + tables.terms().flagLegend() + " (印をつけるルール:"
                    + " outcome().achieved(true))", RuleStep::achieved);
        }
        concerns.put("集計 (集計に数える KPI を決めるルール: Counted.of(…))",
                s -> s.inserted().contains(Counted.class));
        concerns.forEach((concern, acts) -> {
            if (steps.stream().noneMatch(acts)) {
                error(rules.folder().toString(), "どの試しの KPI にも " + concern + " を決めるルールが"
                        + "動きません: このフォルダにはその部分がありません");
            }
        });
    }

    /** Every direction has a symbol. */
    private void directions(ReviewEngine.Tables tables) {
        List<String> parts = new ArrayList<>();
        for (Direction d : Direction.values()) {
            List<String> symbols = tables.directions().symbolsOf(d);
            if (symbols.isEmpty()) {
                warning(file("direction.drl"), d.japanese() + " を表す記号がありません: そのような KPI は書けません");
            }
            parts.add(d.japanese() + " " + String.join(" ", symbols));
        }
        summary.add("方向: " + String.join(" · ", parts));
    }

    /**
     * Every rule that decides something explains itself ({@code @explain("…")}), and its explanation names only
     * values the rule has: explain prints these words, so a typo would print a riddle.
     */
    private void explanations() {
        for (Rule rule : rules.decidingRules()) {
            // a table's row explains itself by its place (許容幅.csv:2) and the values in it
            if (!rule.getMetaData().containsKey("explain") && !rules.fromTable(rule)) {
                RuleProblem at = rules.locate(rule);
                findings.add(new Finding(Level.WARNING, at.file(), at.line(), "ルール \"" + rule.getName()
                        + "\" に @explain(\"…\") がありません: explain はルールが作ったものだけを示します"));
            }
        }
        unresolved.forEach((rule, names) -> {
            RuleProblem at = placeOf(rule);
            findings.add(new Finding(Level.WARNING, at.file(), at.line(), "ルール \"" + rule + "\": @explain の "
                    + String.join("、", names.stream().map(n -> "{" + n + "}").toList())
                    + " はこのルールにありません ({$x.field}、{new.field}、{kpi.field}、{outcome.field} のように、ルールの"
                    + "変数で書きます)"));
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

    private void scenarios(Path tests) {
        List<Path> files = ScenarioFile.files(tests);
        if (files.isEmpty()) {
            warning(tests.toString(), "場面のファイルがありません: このルールが何を結論すべきかを書いたものがありません");
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
        collectUnresolved(result.unexplained());
        result.failures().forEach(f -> warning(f.scenario().source().toString(), f.inWords()));
        result.unexercised().forEach(r -> warning(tests.toString(), "ルール \"" + r + "\" を動かす場面がありません"));
        summary.add("場面: " + result.cases() + " 件、期待と違うもの " + result.failedCases());
        failedCases = result.failedCases();
    }

    /** The rule file a finding is about, or the folder when the policy lives in other files. */
    private String file(String name) {
        Path file = rules.file(name);
        return file != null ? file.toString() : rules.folder().toString();
    }

    private static String describe(List<Band> bands) {
        if (bands.size() < 2 || bands.get(1).lower() == null) {
            return String.join(" · ", bands.stream().map(b -> b.mark() + " " + b.label()).toList())
                    + " (低い順。スコアなしでルールがつける)";
        }
        List<String> parts = new ArrayList<>();
        bands.stream().sorted(Comparator.comparing(b -> b.lower() == null ? BigDecimal.valueOf(Long.MIN_VALUE)
                : b.lower())).forEach(b -> parts.add(b.mark() + (b.lower() == null ? " 最初の境界より下"
                : " " + b.lower().toPlainString() + " から")));
        return String.join(" · ", parts);
    }


    /** The policy's words as validate prints them: スコア 「スコア」 · 集計 「平均スコア」 · 印 ☆ 目標達成. */
    private static String terms(jp.kpireview.domain.Terms t) {
        return "スコア " + (t.hasScore() ? t.score() : "なし") + " · 補正前のスコア " + (t.hasRawScore() ? t.rawScore()
                : "なし") + " · 集計の値 " + (t.hasAverage() ? t.average() : "なし") + " · 印 "
                + (t.hasFlag() ? t.flag() + " " + Objects.toString(t.flagLegend(), "") : "なし");
    }

    /** Where the rule named {@code rule} is written. */
    private RuleProblem placeOf(String rule) {
        return rules.locate(rules.kieBase().getRule("kpireview.rules", rule));
    }

    private void error(String file, String message) {
        findings.add(new Finding(Level.ERROR, file, 0, message));
    }

    private void warning(String file, String message) {
        findings.add(new Finding(Level.WARNING, file, 0, message));
    }
}
