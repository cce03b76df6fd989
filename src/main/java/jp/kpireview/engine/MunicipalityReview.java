package jp.kpireview.engine;

import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.KpiHistory;
import jp.kpireview.domain.Plan;

/**
 * Every evaluated fiscal year of one municipality's KPIs: what the batch runner hands to the report writers.
 *
 * @param source  the data file the KPIs came from
 * @param reviews one review per evaluated year, oldest first; each holds the KPIs in data order
 * @param bands   the band columns of the reports: every band of every policy of the run, merged by mark (a
 *                report over years of different policies shows each year's own bands in these columns)
 * @param plan    the actual each KPI needs in a later year, when the run was asked for it; null otherwise
 */
public record MunicipalityReview(String municipality, String source, List<Kpi> kpis, List<Review> reviews,
        List<Band> bands, Plan plan) {

    public MunicipalityReview {
        kpis = List.copyOf(kpis);
        reviews = List.copyOf(reviews);
        bands = List.copyOf(bands);
    }

    public MunicipalityReview(String municipality, String source, List<Kpi> kpis, List<Review> reviews,
            List<Band> bands) {
        this(municipality, source, kpis, reviews, bands, null);
    }

    /** This review with the plan of a later year. */
    public MunicipalityReview withPlan(Plan plan) {
        return new MunicipalityReview(municipality, source, kpis, reviews, bands, plan);
    }

    /** With the band columns of its own years (a run over several municipalities passes those of every policy). */
    public MunicipalityReview(String municipality, String source, List<Kpi> kpis, List<Review> reviews) {
        this(municipality, source, kpis, reviews, union(reviews));
    }

    /** Every band of the reviews' policies, one column per mark (see {@link Band#columns}). */
    private static List<Band> union(List<Review> reviews) {
        return Band.columns(reviews.stream().map(Review::bands).distinct().toList());
    }

    /** The grades a summary can get, best first; empty when the rules give none. */
    public List<String> grades() {
        return reviews.isEmpty() ? List.of() : reviews.get(0).grades();
    }

    public List<Integer> years() {
        return reviews.stream().map(Review::year).toList();
    }

    /** One history per KPI, in data order. */
    public List<KpiHistory> histories() {
        List<KpiHistory> histories = new ArrayList<>(kpis.size());
        for (int i = 0; i < kpis.size(); i++) {
            List<Evaluation> years = new ArrayList<>(reviews.size());
            for (Review review : reviews) {
                years.add(review.evaluations().get(i));
            }
            histories.add(new KpiHistory(kpis.get(i), years, reviews.stream().map(Review::policy).toList()));
        }
        return histories;
    }

    /** Number of KPI-years evaluated. */
    public int size() {
        return kpis.size() * reviews.size();
    }
}
