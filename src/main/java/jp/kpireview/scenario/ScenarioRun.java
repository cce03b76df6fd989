package jp.kpireview.scenario;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.domain.RuleStep;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.rulebase.RuleBase;

/** Runs scenarios against a rule folder and says, per case, what differed from what was written down. */
public final class ScenarioRun {

    /** One expectation a case did not meet. */
    public record Failure(Scenario scenario, String field, String expected, String actual) {

        @Override
        public String toString() {
            return scenario.source() + ": " + inWords();
        }

        /** {@code 'just below the ◎ edge': band の期待は ○、結果は ◎}. */
        public String inWords() {
            return "'" + scenario.name() + "': " + field + " の期待は " + expected + "、結果は " + actual;
        }
    }

    /**
     * @param unexercised rules that decide about KPIs but fired for no case: the scenarios do not cover them
     * @param unexplained the steps whose {@code @explain} named something the rule does not have
     */
    public record Result(int cases, List<Failure> failures, List<String> unexercised,
            List<RuleStep> unexplained) {

        public boolean passed() {
            return failures.isEmpty();
        }

        /** The cases with at least one expectation unmet (a case that misses its band and its ☆ is one case). */
        public long failedCases() {
            return failures.stream().map(Failure::scenario).distinct().count();
        }
    }

    /** The status a case expects when its data must be refused (e.g. an unknown direction symbol). */
    public static final String DATA_ERROR = "data_error";

    private ScenarioRun() {
    }

    public static Result run(RuleBase rules, List<Scenario> scenarios) {
        ReviewEngine engine = new ReviewEngine(rules, ReviewEngine.Trace.EFFECTS);
        List<Failure> failures = new ArrayList<>();
        Set<String> fired = new TreeSet<>();
        List<RuleStep> unexplained = new ArrayList<>();
        for (List<Scenario> project : projects(scenarios)) {
            ReviewEngine.Attempt attempt = engine.attempt(project.stream().map(Scenario::kpi).toList(),
                    List.of(project.get(0).year()));
            fired.addAll(attempt.firedRules());
            attempt.steps().stream().filter(step -> !step.unresolved().isEmpty()).forEach(unexplained::add);
            boolean refused = !attempt.problems().isEmpty();
            for (int i = 0; i < project.size(); i++) {
                Scenario s = project.get(i);
                Evaluation e = attempt.reviews().get(0).evaluations().get(i);
                boolean refusalExpected = DATA_ERROR.equals(s.expected().get("status"));
                if (refused && !refusalExpected) {
                    failures.add(new Failure(s, "status", "a result", attempt.problems().stream()
                            .map(p -> p.field() + ": " + p.message()).toList().toString()));
                } else if (!refused && refusalExpected) {
                    failures.add(new Failure(s, "status", DATA_ERROR, e.status().code()));
                }
                if (!refused && !refusalExpected) {
                    compare(s, e, failures);
                    // the summary of the case's own project (a group may hold several: a KPI listed again)
                    compareSummary(s, attempt.reviews().get(0).summaries().stream()
                            .filter(summary -> summary.project().equals(s.kpi().project())).findFirst().orElseThrow(),
                            failures);
                }
            }
        }
        List<String> unexercised = rules.kpiRuleNames().stream().filter(r -> !fired.contains(r)).toList();
        return new Result(scenarios.size(), failures, unexercised, unexplained);
    }

    /** The cases to evaluate together: each group (per year) as one project, every other case alone. */
    private static List<List<Scenario>> projects(List<Scenario> scenarios) {
        Map<String, List<Scenario>> groups = new LinkedHashMap<>();
        List<List<Scenario>> projects = new ArrayList<>();
        for (Scenario s : scenarios) {
            if (s.group().isEmpty()) {
                projects.add(List.of(s));
            } else {
                groups.computeIfAbsent(s.group() + "\u0000" + s.year(), g -> {
                    List<Scenario> project = new ArrayList<>();
                    projects.add(project);
                    return project;
                }).add(s);
            }
        }
        return projects;
    }

    private static void compareSummary(Scenario s, ProjectSummary summary, List<Failure> failures) {
        for (String field : Scenario.SUMMARY) {
            String expected = s.expected().get(field);
            if (expected == null) {
                continue;
            }
            String actual = switch (field) {
                case "counted" -> String.valueOf(summary.scoredKpis());
                case "average" -> summary.average() == null ? "—" : summary.average().toPlainString();
                default -> summary.grade() == null ? "—" : summary.grade();
            };
            boolean met = field.equals("average") && !expected.equals("—") ? sameNumber(expected, summary.average())
                    : expected.equals(actual);
            if (!met) {
                failures.add(new Failure(s, field, expected, actual + " (summary of " + summary.scoredKpis() + " of "
                        + summary.allKpis() + " KPIs)"));
            }
        }
    }

    private static void compare(Scenario s, Evaluation e, List<Failure> failures) {
        for (Map.Entry<String, String> expectation : s.expected().entrySet()) {
            String expected = expectation.getValue();
            String field = expectation.getKey();
            if (Scenario.SUMMARY.contains(field)) {
                continue;
            }
            boolean met = switch (field) {
                case "status" -> expected.equals(e.status().code());
                case "reference_kind" -> e.referenceKind() != null && expected.equals(e.referenceKind().code());
                case "reference" -> sameNumber(expected, e.reference());
                case "raw_score" -> sameNumber(expected, e.rawScore());
                case "score" -> sameNumber(expected, e.score());
                case "band" -> e.band() != null && expected.equals(e.band().mark());
                case "achieved" -> achieved(expected) == e.achieved();
                default -> throw new IllegalStateException("unknown expectation " + field);
            };
            if (!met) {
                failures.add(new Failure(s, field, expected, actual(field, e)));
            }
        }
    }

    /** The value as written, to the decimals written: 21.33 matches 21.3333…, 50 matches 50.00. */
    private static boolean sameNumber(String expected, BigDecimal actual) {
        if (actual == null) {
            return false;
        }
        try {
            BigDecimal value = new BigDecimal(expected);
            return actual.setScale(Math.max(value.scale(), 0), RoundingMode.HALF_UP).compareTo(value) == 0;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    private static boolean achieved(String expected) {
        return expected.equals("true") || expected.equals("☆");
    }

    private static String actual(String field, Evaluation e) {
        Object value = switch (field) {
            case "status" -> e.status().code();
            case "reference_kind" -> e.referenceKind() == null ? null : e.referenceKind().code();
            case "reference" -> e.reference() == null ? null : e.reference().stripTrailingZeros().toPlainString();
            case "raw_score" -> e.rawScore();
            case "score" -> e.score();
            case "band" -> e.band() == null ? null : e.band().mark();
            default -> e.achieved();
        };
        String shown = value == null ? "—" : value.toString();
        return field.equals("band") || field.equals("status") ? shown
                : shown + " (" + e.status().code() + (e.band() == null ? "" : ", " + e.band().mark()) + ")";
    }
}
