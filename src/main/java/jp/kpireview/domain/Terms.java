package jp.kpireview.domain;

/**
 * The policy's own words (用語), written in the rules: what its score is called (スコア, 達成率, 進捗率), the raw
 * score before any limit (補正前スコア), the summary measure (平均スコア), and the achievement flag with its legend
 * (☆ 目標達成), and the columns of the town's own that the reports show beside each KPI (所管課 …). Each is null (or
 * empty) when the policy has no such thing; the reports show only what the policy has, under these names. A policy
 * with no score judges with bands alone.
 *
 * <pre>insert( Terms.named().score("スコア").rawScore("補正前スコア").average("平均スコア").flag("☆", "目標達成")
 *         .column("所管課") );</pre>
 */
public record Terms(String score, String rawScore, String average, String flag, String flagLegend,
        java.util.List<String> columns, String annualTarget) {

    public Terms {
        score = blankToNull(score);
        rawScore = blankToNull(rawScore);
        average = blankToNull(average);
        flag = blankToNull(flag);
        flagLegend = flag == null ? null : blankToNull(flagLegend);
        columns = java.util.List.copyOf(columns);
        annualTarget = blankToNull(annualTarget);
    }

    /** No score, no raw score, no summary measure, no flag, no column of the town's: add those the policy has. */
    public static Terms named() {
        return new Terms(null, null, null, null, null, java.util.List.of(), null);
    }

    /** The name of the score (スコア, 達成率 …). */
    public Terms score(String name) {
        return new Terms(name, rawScore, average, flag, flagLegend, columns, annualTarget);
    }

    /** The name of the score before it is limited (補正前スコア). */
    public Terms rawScore(String name) {
        return new Terms(score, name, average, flag, flagLegend, columns, annualTarget);
    }

    /** The name of the summary measure (平均スコア). */
    public Terms average(String name) {
        return new Terms(score, rawScore, name, flag, flagLegend, columns, annualTarget);
    }

    /** The achievement flag's mark and what it means (☆, 目標達成). */
    public Terms flag(String mark, String legend) {
        return new Terms(score, rawScore, average, mark, legend, columns, annualTarget);
    }

    /**
     * A column of the town's own (所管課, 重み …) that report.xlsx and report.html show beside each KPI, headed as the
     * sheet heads it; a sheet without it is a data error naming the KPI.
     */
    public Terms column(String heading) {
        java.util.List<String> more = new java.util.ArrayList<>(columns);
        more.add(heading.strip());
        return new Terms(score, rawScore, average, flag, flagLegend, more, annualTarget);
    }

    /** What the city's target for a year is called (年度目標値; 長野県 says 目安値). */
    public Terms annualTarget(String name) {
        return new Terms(score, rawScore, average, flag, flagLegend, columns, name);
    }

    /** The word for the city's target of a year: the policy's, or Otaru's 年度目標値 where the policy names none. */
    public String annualTargetWord() {
        return annualTarget != null ? annualTarget : "年度目標値";
    }

    /**
     * The name the newest of {@code oldestFirst} gives a thing (its summary measure, its flag …), or null when none of
     * them has one: the heading of a column that holds the years of several policies.
     */
    public static String newest(java.util.List<Terms> oldestFirst, java.util.function.Function<Terms, String> name) {
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            String n = name.apply(oldestFirst.get(i));
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    public boolean hasScore() {
        return score != null;
    }

    public boolean hasRawScore() {
        return rawScore != null;
    }

    public boolean hasAverage() {
        return average != null;
    }

    public boolean hasFlag() {
        return flag != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
