package jp.kpireview.engine;

import java.util.List;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.ProjectSummary;

/** The result of one fiscal year's review: one evaluation per KPI, the band scale used, the project summaries. */
public record Review(int year, List<Evaluation> evaluations, List<Band> bands) {

    public List<ProjectSummary> summaries() {
        return ProjectSummary.of(evaluations, bands);
    }
}
