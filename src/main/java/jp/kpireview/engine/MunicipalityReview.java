package jp.kpireview.engine;

import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.KpiHistory;
import jp.kpireview.domain.Plan;
import jp.kpireview.domain.PolicyRef;

/**
 * Every evaluated fiscal year of one municipality's KPIs: what the batch runner hands to the report writers.
 *
 * @param source  the data file the KPIs came from
 * @param reviews one review per evaluated year, oldest first; each holds the KPIs in data order
 * @param bands   the band columns of the reports: every band of every policy of the run, merged by mark (a
 *                report over years of different policies shows each year's own bands in these columns)
 * @param plan    the actual each KPI needs in a later year, when the run was asked for it; null otherwise
 * @param earlier the reviews of the data's years that were not asked for, before the last one asked, oldest first:
 *                not reported, only compared with (前回比 against the KPI's previous scored year in the data)
 */
public record MunicipalityReview(String municipality, String source, List<Kpi> kpis, List<Review> reviews,
        List<Band> bands, Plan plan, List<Review> earlier) {

    public MunicipalityReview {
        kpis = List.copyOf(kpis);
        reviews = List.copyOf(reviews);
        bands = List.copyOf(bands);
        earlier = List.copyOf(earlier);
    }

    public MunicipalityReview(String municipality, String source, List<Kpi> kpis, List<Review> reviews,
            List<Band> bands) {
        this(municipality, source, kpis, reviews, bands, null, List.of());
    }

    /** This review with the plan of a later year. */
    public MunicipalityReview withPlan(Plan plan) {
        return new MunicipalityReview(municipality, source, kpis, reviews, bands, plan, earlier);
    }

    /** This review with the years evaluated only to be compared with. */
    public MunicipalityReview withEarlier(List<Review> earlier) {
        return new MunicipalityReview(municipality, source, kpis, reviews, bands, plan, earlier);
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
        // the years' policies are the same for every KPI: one list, which KpiHistory keeps as it is (List.copyOf)
        List<PolicyRef> policies = List.copyOf(reviews.stream().map(Review::policy).toList());
        List<PolicyRef> earlierPolicies = List.copyOf(earlier.stream().map(Review::policy).toList());
        List<KpiHistory> histories = new ArrayList<>(kpis.size());
        for (int i = 0; i < kpis.size(); i++) {
            histories.add(new KpiHistory(kpis.get(i), evaluations(reviews, i), policies, evaluations(earlier, i),
                    earlierPolicies));
        }
        return histories;
    }

    /** The evaluations of KPI {@code kpi} (in data order) in {@code reviews}. */
    private static List<Evaluation> evaluations(List<Review> reviews, int kpi) {
        List<Evaluation> years = new ArrayList<>(reviews.size());
        for (Review review : reviews) {
            years.add(review.evaluations().get(kpi));
        }
        return years;
    }

    /** Number of KPI-years evaluated. */
    public int size() {
        return kpis.size() * reviews.size();
    }
}
