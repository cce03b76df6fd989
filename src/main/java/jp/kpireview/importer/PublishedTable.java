package jp.kpireview.importer;

import java.util.List;
import jp.kpireview.domain.Kpi;

/** Everything read from a published review table: the KPI data, the printed scores and the printed summaries. */
public record PublishedTable(int year, List<Kpi> kpis, List<PublishedScore> scores, List<PublishedSummary> summaries) {

    /** The words of the published table's columns (補正前スコア, スコア, 平均スコア, ☆ 目標達成). */
    public static final jp.kpireview.domain.Terms TERMS = jp.kpireview.domain.Terms.named().score("スコア")
            .rawScore("補正前スコア").average("平均スコア").flag("☆", "目標達成");
}
