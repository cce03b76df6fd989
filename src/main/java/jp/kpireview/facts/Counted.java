package jp.kpireview.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/** Summary stage 1: the KPIs a summary counts (集計対象), as the summary rules chose them. */
public record Counted(ProjectYear group, List<KpiYear> kpis) {

    public Counted {
        kpis = List.copyOf(kpis);
    }

    /** The KPIs behind {@code stages} (any stage: a KPI-year, a score …), each once, in the order given. */
    public static Counted of(ProjectYear group, List<?> stages) {
        LinkedHashSet<KpiYear> kpis = new LinkedHashSet<>();
        for (Object stage : stages) {
            kpis.add(((Stage) stage).kpi());
        }
        group.outcome().counted(new ArrayList<>(kpis));
        return new Counted(group, new ArrayList<>(kpis));
    }

    /** The clamped scores (スコア) of the counted KPIs that have one. */
    public List<BigDecimal> scores() {
        return kpis.stream().map(k -> k.outcome().score()).filter(Objects::nonNull).toList();
    }

    public int size() {
        return kpis.size();
    }
}
