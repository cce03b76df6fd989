package jp.kpireview.facts;

import jp.kpireview.domain.Status;

/**
 * A status of the rules' own for a KPI-year (e.g. 対象外: excluded by the city's decision), with the reason. Such a
 * KPI gets no band; other rules can leave it alone with {@code not KpiStatus( kpi == $k )}, and the summary rules
 * decide whether it counts.
 */
public record KpiStatus(KpiYear kpi, Status status, String reason) implements Stage {

    /** @param code the name programs read (results.csv), e.g. excluded; {@code label} the one people read, 対象外 */
    public static KpiStatus of(KpiYear kpi, String code, String label, String reason) {
        Status status = Status.of(code, label);
        kpi.outcome().status(status, reason);
        return new KpiStatus(kpi, status, reason == null ? "" : reason);
    }

    /** The fiscal year: a plain field the summary rules join on. */
    public int year() {
        return kpi.year();
    }

    public String code() {
        return status.code();
    }
}
