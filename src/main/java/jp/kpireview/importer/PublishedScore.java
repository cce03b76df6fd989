package jp.kpireview.importer;

import java.math.BigDecimal;
import jp.kpireview.domain.SourceLocation;

/** One KPI row of a published table as printed: 補正前スコア, スコア, band mark, ☆. Scores and band are null for —. */
public record PublishedScore(String kpiId, int year, BigDecimal rawScore, BigDecimal score, String band,
        boolean achieved, SourceLocation source) {
}
