package jp.kpireview.scenario;

import java.util.Map;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;

/**
 * A case policy staff wrote down: one KPI, the fiscal year, and what the rules must conclude. Only the
 * expectations written are checked.
 *
 * @param expected what must come out, by name: status, reference_kind, reference, raw_score, score, band, achieved
 */
public record Scenario(String name, Kpi kpi, int year, Map<String, String> expected, SourceLocation source) {
}
