package jp.kpireview.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;

/**
 * Which fiscal years a run evaluates: {@code all} (every year in which some KPI of the municipality has an actual),
 * a range {@code FY2015..FY2019}, or a list {@code FY2017,H30}.
 */
public record YearSelection(List<Integer> years) {

    public static final YearSelection ALL = new YearSelection(List.of());

    public YearSelection {
        years = List.copyOf(years);
    }

    public static YearSelection parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("all")) {
            return ALL;
        }
        List<Integer> years = new ArrayList<>();
        for (String part : t.split(",")) {
            String[] range = part.split("\\.\\.", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException("'" + part + "' は年度の範囲として読めません (FY2015..FY2019 のように書きます)");
            }
            int from = FiscalYear.parse(range[0]);
            int to = range.length == 2 ? FiscalYear.parse(range[1]) : from;
            if (to < from) {
                throw new IllegalArgumentException("範囲 " + part + " が逆向きです (古い年度から書きます)");
            }
            for (int y = from; y <= to; y++) {
                years.add(y);
            }
        }
        return new YearSelection(List.copyOf(new TreeSet<>(years)));
    }

    /** The years to evaluate for these KPIs, oldest first. */
    public List<Integer> resolve(Collection<Kpi> kpis) {
        if (!years.isEmpty()) {
            return years;
        }
        TreeSet<Integer> withActuals = new TreeSet<>();
        kpis.forEach(k -> withActuals.addAll(k.actuals().keySet()));
        return List.copyOf(withActuals);
    }

    /**
     * The years before the last of {@code reported} in which some KPI has an actual and that are not reported: a run
     * of some years evaluates them too, unreported, so that each reported year's 前回比 compares with the KPI's
     * previous scored year in the data, as a run over every year does.
     */
    public static List<Integer> earlier(Collection<Kpi> kpis, List<Integer> reported) {
        if (reported.isEmpty()) {
            return List.of();
        }
        int last = reported.get(reported.size() - 1);
        TreeSet<Integer> years = new TreeSet<>();
        kpis.forEach(k -> years.addAll(k.actuals().headMap(last).keySet()));
        years.removeAll(reported);
        return List.copyOf(years);
    }

    @Override
    public String toString() {
        return years.isEmpty() ? "all years with actuals"
                : years.stream().map(FiscalYear::label).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
