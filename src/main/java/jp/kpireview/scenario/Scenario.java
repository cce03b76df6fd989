package jp.kpireview.scenario;

import java.util.Map;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;

/**
 * A case policy staff wrote down: one KPI, the fiscal year, and what the rules must conclude. Only the
 * expectations written are checked.
 *
 * @param group    cases with the same group (and year) are evaluated together as the KPIs of one project, so that
 *                 its summary can be checked; empty for a case of its own
 * @param expected what must come out, by name: status, reference_kind, reference, raw_score, score, band, achieved
 *                 of the KPI, and counted, average, grade of its project's summary
 */
public record Scenario(String name, String group, Kpi kpi, int year, Map<String, String> expected,
        SourceLocation source) {

    /** Expectations about the summary of the case's project rather than about its KPI. */
    public static final java.util.List<String> SUMMARY = java.util.List.of("counted", "average", "grade");
}
