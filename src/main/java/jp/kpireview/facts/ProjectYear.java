package jp.kpireview.facts;

/**
 * What a summary (集計) is made for: one project (プロジェクト) of a municipality in one evaluated year, or, with no
 * project, every KPI of the municipality that year (the overview of report.html). Java inserts one per project and
 * year plus the whole; the summary rules decide which KPIs it holds (全, {@link Members}), which of them it counts
 * (集計対象, {@link Counted}) and how. They write their conclusions into {@link #outcome()}.
 *
 * @param project the project's name; null for the municipality as a whole
 */
public record ProjectYear(String municipality, String project, int year, SummaryOutcome outcome) {

    /** The municipality as a whole rather than one project. */
    public boolean whole() {
        return project == null;
    }
}
