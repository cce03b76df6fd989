package jp.kpireview.facts;

import jp.kpireview.domain.Band;

/**
 * The band the rules gave a KPI-year (評価): from its score by the band scale, or directly by a rule of a policy that
 * judges without a score. Summary rules count these; the ☆ rules may read them.
 *
 * @param stage the fact the band was decided from (a score, or the KPI-year itself)
 * @param row   the band table's row the band was written in ({@code 区分表 8行目}); empty when a DRL rule wrote it
 */
public record Judgment(Stage stage, Band band, String row) implements Stage {

    public static Judgment of(Stage stage, Band band) {
        return of(stage, band, null);
    }

    /** The band {@code band} of {@code scale}, which says the table row it comes from. */
    public static Judgment of(Stage stage, Band band, BandScale scale) {
        if (band == null) {
            throw new IllegalArgumentException("評価区分がありません (no band given)");
        }
        stage.kpi().outcome().band(band);
        return new Judgment(stage, band, scale == null ? "" : scale.rowOf(band));
    }

    @Override
    public KpiYear kpi() {
        return stage.kpi();
    }

    /** The fiscal year judged: a plain field the summary rules join on. */
    public int year() {
        return stage.kpi().year();
    }

    /** The band's mark, for conditions such as {@code Judgment( mark == "◎" )}. */
    public String mark() {
        return band.mark();
    }
}
