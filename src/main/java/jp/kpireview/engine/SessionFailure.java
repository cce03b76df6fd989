package jp.kpireview.engine;

import jp.kpireview.rulebase.CompilerWords;
import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.rulebase.RuleProblem;
import jp.kpireview.rulebase.RuleSetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kpireview.facts.MissingValue;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * What went wrong in a session, said where it was written: a value a rule needs and the data lacks (a data error the
 * engine places at the KPI's row), a rule whose action threw, a condition that cannot be evaluated, a condition
 * Drools cannot compile. Never a crash and never a bare stack trace.
 */
final class SessionFailure {

    private static final Pattern NEAR = Pattern.compile("\\[Near : \\{\\.\\.\\.(.*?)\\.\\.\\.\\.\\}\\]");

    private final RuleBase rules;

    SessionFailure(RuleBase rules) {
        this.rules = rules;
    }

    /** The exception to throw for {@code failure}: a {@link MissingValue} or a located {@link RuleSetException}. */
    RuntimeException located(Throwable failure) {
        MissingValue missing = MissingValue.in(failure);
        if (missing != null) {
            return failure instanceof ConsequenceException e && e.getMatch() != null
                    ? missing.inRule(e.getMatch().getRule().getName()) : missing;
        }
        if (failure instanceof ConsequenceException e) {
            return new RuleSetException(failedRule(e));
        }
        if (failure instanceof LinkageError) {
            // Drools compiles a condition to bytecode after some evaluations; a construct its compiler cannot handle
            // (seen: str[startsWith] in the classic build) fails there
            return new RuleSetException(new RuleProblem(rules.folder().toString(), 0, "Drools が条件の一つを実行できません"
                    + " (" + failure.getClass().getSimpleName() + "): str[startsWith] のような書き方は、"
                    + "note.startsWith(\"対象外\") のように書き直してください"));
        }
        return new RuleSetException(failedCondition(failure));
    }

    /**
     * A condition that compiled but cannot be evaluated (MVEL checks some types only when it runs, e.g.
     * {@code x >= "zero"}): found in the rule files by the expression the error quotes.
     */
    private RuleProblem failedCondition(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        Matcher near = NEAR.matcher(message);
        String first = message.lines().findFirst().orElse(message).replaceAll("^\\[Error: |\\]$", "");
        CompilerWords.Said said = CompilerWords.say(first);
        String written = near.find() ? near.group(1).strip() : said.near();
        RuleProblem at = written == null ? null : rules.locate(written);
        return at != null ? new RuleProblem(at.file(), at.line(), said.text())
                : new RuleProblem(rules.folder().toString(), 0, said.text());
    }

    /** A rule whose action threw, e.g. a band scale whose edges do not rise: name its file and the reason. */
    private RuleProblem failedRule(ConsequenceException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof jp.kpireview.facts.TableValueException value) {
            return rules.locate(value);  // a table row's value: its row and column, not the rule that read it
        }
        if (e.getMatch() == null || e.getMatch().getRule() == null) {
            return new RuleProblem(rules.folder().toString(), 0, "ルールが止まりました: " + cause.getMessage());
        }
        Rule rule = e.getMatch().getRule();
        RuleProblem at = rules.locate(rule);
        return new RuleProblem(at.file(), at.line(), "ルール \"" + rule.getName() + "\" が止まりました: "
                + cause.getMessage());
    }
}
