package jp.kpireview.facts;

import java.util.List;

/**
 * Summary stage 0: every KPI a summary's group holds, counted or not (全 … 事業[… KPI]), as the summary rules chose
 * them: a project's own KPIs, and where a policy says so a KPI listed again (再掲) under a second project.
 */
public record Members(ProjectYear group, List<KpiYear> kpis) {

    public Members {
        kpis = List.copyOf(kpis);
    }

    /** The KPIs behind {@code stages} (any stage: a KPI-year, a score …), each once, in the order given. */
    public static Members of(ProjectYear group, List<?> stages) {
        List<KpiYear> kpis = Counted.distinct(stages);
        group.outcome().members(kpis);
        return new Members(group, kpis);
    }

    public int size() {
        return kpis.size();
    }
}
