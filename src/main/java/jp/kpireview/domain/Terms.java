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
        java.util.List<String> columns, String annualTarget, java.util.Map<String, String> words) {

    /**
     * Otaru's words for the parts of a summary and a table that a town may call otherwise ({@link #word(String,
     * String)}): 集計対象 (the KPIs a summary counts), 全 (all the project's), 施策KPI (the heading of the KPI's name).
     */
    public static final java.util.List<String> OTARU_WORDS = java.util.List.of("集計対象", "全", "施策KPI");

    public Terms {
        score = blankToNull(score);
        rawScore = blankToNull(rawScore);
        average = blankToNull(average);
        flag = blankToNull(flag);
        flagLegend = flag == null ? null : blankToNull(flagLegend);
        columns = java.util.List.copyOf(columns);
        annualTarget = blankToNull(annualTarget);
        words = java.util.Map.copyOf(words);
    }

    /** No score, no raw score, no summary measure, no flag, no column of the town's: add those the policy has. */
    public static Terms named() {
        return new Terms(null, null, null, null, null, java.util.List.of(), null, java.util.Map.of());
    }

    /** The name of the score (スコア, 達成率 …). */
    public Terms score(String name) {
        return new Terms(name, rawScore, average, flag, flagLegend, columns, annualTarget, words);
    }

    /** The name of the score before it is limited (補正前スコア). */
    public Terms rawScore(String name) {
        return new Terms(score, name, average, flag, flagLegend, columns, annualTarget, words);
    }

    /** The name of the summary measure (平均スコア). */
    public Terms average(String name) {
        return new Terms(score, rawScore, name, flag, flagLegend, columns, annualTarget, words);
    }

    /** The achievement flag's mark and what it means (☆, 目標達成). */
    public Terms flag(String mark, String legend) {
        return new Terms(score, rawScore, average, mark, legend, columns, annualTarget, words);
    }

    /**
     * A column of the town's own (所管課, 重み …) that report.xlsx and report.html show beside each KPI, headed as the
     * sheet heads it; a sheet without it is a data error naming the KPI.
     */
    public Terms column(String heading) {
        java.util.List<String> more = new java.util.ArrayList<>(columns);
        more.add(heading.strip());
        return new Terms(score, rawScore, average, flag, flagLegend, more, annualTarget, words);
    }

    /** What the city's target for a year is called (年度目標値; 長野県 says 目安値). */
    public Terms annualTarget(String name) {
        return new Terms(score, rawScore, average, flag, flagLegend, columns, name, words);
    }

    /**
     * The policy's word for one of Otaru's ({@code .word("施策KPI", "成果指標")}); a word Otaru's reports do not use is
     * refused, naming those they do.
     */
    public Terms word(String otaru, String ours) {
        if (!OTARU_WORDS.contains(otaru)) {
            throw new IllegalArgumentException("用語 '" + otaru + "' は言い換えられません。言い換えられるのは "
                    + String.join("、", OTARU_WORDS) + " です");
        }
        java.util.Map<String, String> more = new java.util.LinkedHashMap<>(words);
        more.put(otaru, ours.strip());
        return new Terms(score, rawScore, average, flag, flagLegend, columns, annualTarget, more);
    }

    /** The policy's word for {@code otaru} (one of {@link #OTARU_WORDS}), or Otaru's own. */
    public String word(String otaru) {
        return words.getOrDefault(otaru, otaru);
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
