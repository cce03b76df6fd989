package jp.kpireview.domain;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the rules concluded about one KPI for one fiscal year. Fields a rule did not set are null: an unscored KPI
 * has no reference, score or band.
 *
 * @param reference the annual target (年度目標値), final target or maintain target the score was measured against
 * @param rawScore  補正前スコア: the score before clamping
 * @param score     スコア: the clamped score
 * @param achieved  the achievement flag (☆ 目標達成 in Otaru's words) the rules gave
 * @param statusReason why the KPI has the status it has, when a rule gave a reason (対象外 …); empty otherwise
 * @param trace    the rules that fired for this KPI, in order, with what each concluded; empty unless the engine
 *                 traced
 */
public record Evaluation(
        Kpi kpi,
        int year,
        Status status,
        Direction direction,
        ReferenceKind referenceKind,
        BigDecimal reference,
        BigDecimal rawScore,
        BigDecimal score,
        Band band,
        boolean achieved,
        String statusReason,
        List<RuleStep> trace) {

    public Evaluation {
        statusReason = statusReason == null ? "" : statusReason;
        trace = List.copyOf(trace);
    }

    /** The names of the rules that fired for this KPI, in order (traced evaluations only). */
    public List<String> firedRules() {
        return trace.stream().map(RuleStep::rule).toList();
    }

    /** True when the rules gave the KPI a band (with a score or without). */
    public boolean judged() {
        return status != null && status.judged();
    }

    /** Evaluations grouped by project, projects in the order they first appear. */
    public static Map<String, List<Evaluation>> byProject(List<Evaluation> evaluations) {
        return evaluations.stream().collect(
                Collectors.groupingBy(e -> e.kpi().project(), LinkedHashMap::new, Collectors.toList()));
    }
}
