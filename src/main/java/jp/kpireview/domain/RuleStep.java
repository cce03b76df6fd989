package jp.kpireview.domain;

import java.util.List;

/**
 * One rule that fired for a KPI, as explain shows it: the rule, where it is written, what it concluded in the words written
 * beside the rule ({@code @explain("…")} in the DRL), and its effects on the KPI's outcome as typed values.
 *
 * @param place       where the rule is written, {@code reference.drl:53}; empty when that is not known
 * @param explanation the rule's own words with the values filled in; without {@code @explain}, a neutral list of
 *                    what it inserted
 * @param band        the band the rule gave the KPI; null when it gave none
 * @param achieved    true when the rule gave the KPI ☆
 * @param status      the status the rule set, other than scored (e.g. no actual); null when it set none
 * @param problems    the data problems the rule found, as {@code field: message}
 * @param unresolved  placeholders of the rule's {@code @explain} that name nothing (a typo the policy officer fixes)
 * @param inserted    the kinds of fact the rule inserted (a reference, a score, a summary …)
 */
public record RuleStep(String rule, String place, String explanation, Band band, boolean achieved, Status status,
        List<String> problems, List<String> unresolved, List<Class<?>> inserted) {

    public RuleStep {
        problems = List.copyOf(problems);
        unresolved = List.copyOf(unresolved);
        inserted = List.copyOf(inserted);
    }
}
