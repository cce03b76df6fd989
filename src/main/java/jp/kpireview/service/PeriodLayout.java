package jp.kpireview.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.rulebase.PolicyFolder;

/**
 * The policy periods of a rule folder before and after an edit: the period folders added and removed, and the years
 * each period judges (from its first year to the year before the next period's), which change for its neighbours when
 * a period is added or removed: deleting 第2期 makes 第1期 judge FY2020 onwards too.
 */
record PeriodLayout(Map<String, String> yearsBefore, Map<String, String> yearsAfter, List<String> added,
        List<String> removed) {

    static PeriodLayout of(List<PolicyFolder.Period> before, List<PolicyFolder.Period> after) {
        Map<String, String> yearsBefore = years(before);
        Map<String, String> yearsAfter = years(after);
        List<String> added = yearsAfter.keySet().stream().filter(n -> !yearsBefore.containsKey(n)).toList();
        List<String> removed = yearsBefore.keySet().stream().filter(n -> !yearsAfter.containsKey(n)).toList();
        return new PeriodLayout(yearsBefore, yearsAfter, added, removed);
    }

    /** The years each period judges, by name: {@code FY2015–FY2019}, {@code FY2020 以降}; a flat folder all years. */
    private static Map<String, String> years(List<PolicyFolder.Period> periods) {
        List<PolicyFolder.Period> ordered = new ArrayList<>(periods);
        ordered.sort(java.util.Comparator.comparing(PolicyFolder.Period::firstYear,
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        Map<String, String> years = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            Integer first = ordered.get(i).firstYear();
            Integer next = i + 1 < ordered.size() ? ordered.get(i + 1).firstYear() : null;
            years.put(ordered.get(i).name(), first == null ? "すべての年度"
                    : next == null ? FiscalYear.label(first) + " 以降"
                    : FiscalYear.label(first) + "–" + FiscalYear.label(next - 1));
        }
        return years;
    }

    boolean changed() {
        return !added.isEmpty() || !removed.isEmpty();
    }

    /** True when {@code period} judges other years after the edit than before (or is new). */
    boolean yearsChanged(String period) {
        return !Objects.equals(yearsBefore.get(period), yearsAfter.get(period));
    }

    /** The change in the officer's words: which period folders came or went, and who judges which years now. */
    String describe() {
        List<String> parts = new ArrayList<>();
        removed.forEach(n -> parts.add("期間 " + n + " (" + yearsBefore.get(n) + ") のフォルダが消されました"));
        added.forEach(n -> parts.add("期間 " + n + " のフォルダが加わりました"));
        List<String> judged = new ArrayList<>();
        yearsAfter.forEach((n, years) -> {
            if (yearsChanged(n)) {
                judged.add(years + (years.endsWith("以降") ? "を " : " を ") + n);
            }
        });
        return String.join("、", parts) + (judged.isEmpty() ? "" : ": " + String.join("、", judged) + " で評価します");
    }
}
