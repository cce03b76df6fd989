package jp.kpireview.engine;

import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.KpiHistory;

/**
 * Every evaluated fiscal year of one municipality's KPIs: what the batch runner hands to the report writers.
 *
 * @param source  the data file the KPIs came from
 * @param reviews one review per evaluated year, oldest first; each holds the KPIs in data order
 */
public record MunicipalityReview(String municipality, String source, List<Kpi> kpis, List<Review> reviews) {

    public MunicipalityReview {
        kpis = List.copyOf(kpis);
        reviews = List.copyOf(reviews);
    }

    /** The band scale the rules defined (the same for every year of a run). */
    public List<Band> bands() {
        return reviews.isEmpty() ? List.of() : reviews.get(0).bands();
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
            histories.add(new KpiHistory(kpis.get(i), years));
        }
        return histories;
    }

    /** Number of KPI-years evaluated. */
    public int size() {
        return kpis.size() * reviews.size();
    }
}
