package jp.kpireview.rulebase;

import java.util.List;

/** The rule folder cannot be used: it does not compile, or its rules broke while scoring. */
public class RuleSetException extends RuntimeException {

    private final List<RuleProblem> problems;

    public RuleSetException(List<RuleProblem> problems) {
        super(problems.isEmpty() ? "rule set error" : problems.get(0).toString());
        this.problems = List.copyOf(problems);
    }

    public RuleSetException(RuleProblem problem) {
        this(List.of(problem));
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
