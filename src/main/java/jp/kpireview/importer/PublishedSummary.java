package jp.kpireview.importer;

import java.math.BigDecimal;
import java.util.Map;
import jp.kpireview.domain.SourceLocation;

/** A project's summary row as printed: 集計対象 / 全 counts, 平均スコア, KPIs per band mark, ☆. */
public record PublishedSummary(String project, int year, int scoredBusinesses, int allBusinesses, int scoredKpis,
        int allKpis, BigDecimal average, Map<String, Integer> bandCounts, int achieved, SourceLocation source) {
}
