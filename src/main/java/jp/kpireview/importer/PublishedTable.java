package jp.kpireview.importer;

import java.util.List;
import jp.kpireview.domain.Kpi;

/** Everything read from a published review table: the KPI data, the printed scores and the printed summaries. */
public record PublishedTable(int year, List<Kpi> kpis, List<PublishedScore> scores, List<PublishedSummary> summaries) {
}
