package jp.kpireview.domain;

/** Whether a KPI got a score for the year. Only {@link #SCORED} KPIs enter the summaries' 集計対象. */
public enum Status {
    SCORED("scored"),
    /** No actual for the evaluated year (— in the table). */
    NO_ACTUAL("no_actual"),
    /** The reference equals the baseline, so the score formula would divide by zero. */
    REFERENCE_EQUALS_BASELINE("reference_equals_baseline");

    private final String code;

    Status(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
