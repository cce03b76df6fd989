package jp.kpireview.facts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Summary stage 2: the counted KPIs with their average score (平均スコア). Grade rules read this stage and give the
 * group a grade from the rules' {@link Grades} table.
 *
 * @param average null when no KPI was counted
 */
public record Summary(Counted counted, BigDecimal average) {

    public static Summary of(Counted counted, BigDecimal average) {
        counted.group().outcome().average(average);
        return new Summary(counted, average);
    }

    public ProjectYear group() {
        return counted.group();
    }

    /** Number of KPIs counted. */
    public int size() {
        return counted.size();
    }

    /** The share (0 to 1) of the counted KPIs whose band is one of {@code marks}; 0 when none is counted. */
    public double shareIn(String... marks) {
        return shareIn(List.of(marks));
    }

    /** The share (0 to 1) of the counted KPIs whose band is one of {@code marks} (a grade table row's). */
    public double shareIn(List<String> marks) {
        if (counted.size() == 0) {
            return 0;
        }
        Set<String> wanted = Set.copyOf(marks);
        long in = counted.kpis().stream()
                .filter(k -> k.outcome().band() != null && wanted.contains(k.outcome().band().mark())).count();
        return (double) in / counted.size();
    }

    /** The share (0 to 1) of the counted KPIs with ☆. */
    public double achievedShare() {
        return counted.size() == 0 ? 0
                : (double) counted.kpis().stream().filter(k -> k.outcome().achieved()).count() / counted.size();
    }

    /** Gives the group the grade {@code label} (評価), which must be in the rules' grade table. */
    public void grade(String label) {
        group().outcome().grade(label);
    }
}
