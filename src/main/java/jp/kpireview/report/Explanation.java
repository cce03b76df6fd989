package jp.kpireview.report;

import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiredWords;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.RuleStep;
import jp.kpireview.domain.Terms;

/** A traced evaluation in plain words: the KPI's data, each rule that fired with what it concluded, the result. */
public final class Explanation {

    private Explanation() {
    }

    /** The explanation, headed by the policy in force that year (the rules that produced it). */
    public static List<String> lines(Evaluation e, jp.kpireview.domain.PolicyRef policy, Terms terms) {
        List<String> lines = new ArrayList<>(lines(e, terms));
        lines.add(1, "  方針: " + policy.label());
        return lines;
    }

    /** @param terms the words of the policy in force: the result names its score and flag as the policy does */
    public static List<String> lines(Evaluation e, Terms terms) {
        Kpi k = e.kpi();
        List<String> lines = new ArrayList<>();
        lines.add("KPI " + k.id() + " " + k.name() + " — " + k.municipality() + ", " + FiscalYear.bothLabels(e.year())
                + "  [" + k.source() + "]");
        lines.add("  データ: 方向 " + (k.directionText().isEmpty() ? "—" : k.directionText())
                + (k.baseline() == null ? "" : " · 基準値 "
                + withUnit(k, k.baseline().toPlainString()) + " (" + FiscalYear.japaneseLabel(k.baselineYear()) + ")")
                + " · 目標値 "
                + withUnit(k, k.targetIn(e.year()).toPlainString()) + " (" + FiscalYear.targetLabel(k.targetYear())
                + (k.revisedIn(e.year()) == null ? "" : "; " + FiscalYear.japaneseLabel(k.revisedIn(e.year()))
                        + " に改定、改定前 " + withUnit(k, k.finalTarget().toPlainString()))
                + ") · 実績値 " + k.actual(e.year()).map(v -> withUnit(k, v.toPlainString())).orElse("—")
                + k.annualTarget(e.year()).map(v -> " · " + terms.annualTargetWord() + " "
                        + withUnit(k, v.toPlainString())).orElse(""));
        steps(e.trace(), lines);
        lines.add("  結果: " + result(e, terms));
        return lines;
    }

    /**
     * A summary explained: the project (or the municipality as a whole), the policy, each rule that fired about the
     * summary with what it concluded, and the summary as the reports print it.
     */
    public static List<String> summaryLines(jp.kpireview.domain.ProjectSummary s, String municipality, int year,
            jp.kpireview.domain.PolicyRef policy) {
        List<String> lines = new ArrayList<>();
        lines.add("集計 " + (s.project() == null ? "全体" : s.project()) + " — " + municipality + ", "
                + FiscalYear.bothLabels(year));
        lines.add("  方針: " + policy.label());
        steps(s.trace(), lines);
        lines.add("  結果: " + ReviewTable.summaryLine(s));
        return lines;
    }

    /** Each rule that fired, numbered, with where it is written and what it concluded. */
    private static void steps(List<RuleStep> trace, List<String> lines) {
        int n = 1;
        for (RuleStep step : trace) {
            lines.add(String.format("  %d. %s (%s)", n++, step.rule(), step.place()));
            effects(step).forEach(effect -> lines.add("       " + effect));
        }
    }

    /** 結果: {@code スコア 34.65 · 区分 ○ 50~100 · ☆ なし}, in the policy's words; or the status and its reason. */
    private static String result(Evaluation e, Terms terms) {
        if (!e.judged()) {
            return e.status().label() + " (" + e.status().code() + ")"
                    + (e.statusReason().isEmpty() ? "" : ": " + e.statusReason());
        }
        List<String> parts = new ArrayList<>();
        if (terms.hasScore() && e.score() != null) {
            parts.add(terms.score() + " " + e.score().toPlainString());
        }
        parts.add("区分 " + e.band().mark() + " " + e.band().label());
        if (terms.hasFlag()) {
            parts.add(terms.flag() + " " + (e.achieved() ? "あり" : "なし"));
        }
        return String.join(" · ", parts);
    }

    /**
     * The rule's own explanation; a rule written without one ({@code @explain}) is shown by its effects alone, in
     * neutral words, so nothing here speaks for a policy.
     */
    private static List<String> effects(RuleStep step) {
        List<String> lines = new ArrayList<>();
        if (!step.explanation().isEmpty()) {
            lines.add(step.explanation());
        }
        if (!step.unresolved().isEmpty()) {
            lines.add("(@explain の {…} のうち、このルールにないもの: " + String.join("、", step.unresolved()) + ")");
        }
        boolean own = step.explanation().isEmpty() || step.explanation().startsWith(FiredWords.INSERTED);
        if (own && step.band() != null) {
            lines.add("区分 → " + step.band().mark() + " " + step.band().label());
        }
        if (own && step.achieved()) {
            lines.add("目標達成の印をつけた");
        }
        if (own && step.status() != null) {
            lines.add("状態 → " + step.status().label() + " (" + step.status().code() + ")");
        }
        step.problems().forEach(p -> lines.add("データの誤り: " + p));
        return lines;
    }

    private static String withUnit(Kpi k, String value) {
        return value + k.unit();
    }
}
