package jp.kpireview.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Summary stage 1: the KPIs a summary counts (集計対象), as the summary rules chose them. */
public record Counted(ProjectYear group, List<KpiYear> kpis) {

    public Counted {
        kpis = List.copyOf(kpis);
    }

    /** The KPIs behind {@code stages} (any stage: a KPI-year, a score …), each once, in the order given. */
    public static Counted of(ProjectYear group, List<?> stages) {
        List<KpiYear> counted = distinct(stages);
        group.outcome().counted(counted);
        return new Counted(group, counted);
    }

    /** The KPI-years behind {@code stages}, each once, in the order given. */
    static List<KpiYear> distinct(List<?> stages) {
        // each KPI-year is its own fact: told apart by identity, not by the record's value (which would also hash
        // every field of every KPI-year)
        Set<KpiYear> seen = Collections.newSetFromMap(new IdentityHashMap<>(stages.size()));
        List<KpiYear> kpis = new ArrayList<>(stages.size());
        for (Object stage : stages) {
            KpiYear kpi = ((Stage) stage).kpi();
            if (seen.add(kpi)) {
                kpis.add(kpi);
            }
        }
        return List.copyOf(kpis);
    }

    /** The clamped scores (スコア) of the counted KPIs that have one. */
    public List<BigDecimal> scores() {
        return kpis.stream().map(k -> k.outcome().score()).filter(Objects::nonNull).toList();
    }

    /**
     * The number in the town's own column {@code heading} (重み …) of each counted KPI that has a score, in the order
     * of {@link #scores()}; {@code whenEmpty} for an empty cell. A column the sheet lacks, or a cell that is no number,
     * is a data error naming the KPI ({@link KpiYear#attributeNumber}).
     */
    public List<BigDecimal> scoredNumbers(String heading, int whenEmpty) {
        List<BigDecimal> numbers = new ArrayList<>(kpis.size());
        for (KpiYear k : kpis) {
            if (k.outcome().score() != null) {
                BigDecimal n = k.attributeNumber(heading);
                numbers.add(n == null ? BigDecimal.valueOf(whenEmpty) : n);
            }
        }
        return numbers;
    }

    public int size() {
        return kpis.size();
    }
}
