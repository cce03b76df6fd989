package jp.kpireview.engine;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.DataProblem;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.facts.KpiYear;
import jp.kpireview.facts.MissingValue;

/**
 * What a session's data lacks that the policy needs, located at the sheet's row for the officer who fixes it: a
 * column of the town's own the policy shows, or a value a rule reads ({@link MissingValue}). {@link ReviewEngine}
 * asks after each session.
 */
final class DataProblems {

    private DataProblems() {
    }

    /**
     * A column of the town's own the policy shows in the reports ({@code Terms.column}) that a KPI's sheet lacks: once
     * per KPI, however many years are evaluated (the years usually share one list of KPIs).
     */
    static void shownColumns(Collection<List<Kpi>> years, jp.kpireview.domain.Terms terms,
            List<DataProblem> problems) {
        if (terms.columns().isEmpty()) {
            return;
        }
        Set<Kpi> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<Kpi> kpis : years) {
            for (Kpi kpi : kpis) {
                // a probe stands for any sheet
                if (kpi.attributes() == Kpi.ANY_COLUMNS || !seen.add(kpi)) {
                    continue;
                }
                for (String heading : terms.columns()) {
                    if (!kpi.attributes().containsKey(heading)) {
                        problems.add(new DataProblem(kpi.source(), heading, "列「" + heading + "」がありません: 方針の"
                                + "用語 (terms.drl の .column) が報告書にこの列を出します (the policy shows the column "
                                + heading + ", and the sheet has no such column)"));
                    }
                }
            }
        }
    }

    /** A value a rule needs and the data lacks, located at the KPI's row. */
    static DataException missingData(MissingValue missing, List<KpiYear> facts,
            Map<Integer, List<Kpi>> byYear) {
        Iterator<KpiYear> fact = facts.iterator();
        for (List<Kpi> kpis : byYear.values()) {
            for (Kpi kpi : kpis) {
                if (fact.next() == missing.kpi()) {
                    return new DataException(kpi.source(), missing.field(), "KPI " + kpi.id() + ": "
                            + missing.getMessage());
                }
            }
        }
        return new DataException(new SourceLocation(missing.kpi().municipality(), 0), missing.field(),
                "KPI " + missing.kpi().kpiId() + ": " + missing.getMessage());
    }
}
