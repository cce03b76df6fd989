package jp.kpireview.domain;

import java.util.List;

/**
 * One rule that fired for a KPI, as explain shows it: the rule, its file, and what it concluded, in plain words.
 *
 * @param effects e.g. "reference: the final target 10 (the score is 0 at 6 and 100 at 10)"
 */
public record RuleStep(String rule, String file, List<String> effects) {

    public RuleStep {
        effects = List.copyOf(effects);
    }
}
