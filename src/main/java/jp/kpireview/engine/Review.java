package jp.kpireview.engine;

import java.util.List;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.PolicyRef;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.domain.Terms;

/**
 * The result of one fiscal year's review: one evaluation per KPI, the band scale and grade table used, the project
 * summaries the rules made and the summary of the municipality as a whole.
 *
 * @param bandRows where each band of {@code bands} is written: its table row, or empty
 * @param grades  the grades a summary can get, best first; empty when the rules give none
 * @param overall the summary of all the KPIs of the year, one per municipality
 * @param policy  the policy in force that year, which produced this review
 * @param terms   that policy's words: the names of its score, summary measure and flag, or none
 */
public record Review(int year, List<Evaluation> evaluations, List<Band> bands, List<String> bandRows,
        List<String> grades, List<ProjectSummary> summaries, List<ProjectSummary> overall, PolicyRef policy,
        Terms terms) {
}
