package jp.kpireview.engine;

import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.rulebase.RuleProblem;
import jp.kpireview.rulebase.RuleSetException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.facts.KpiYear;
import jp.kpireview.facts.ProjectYear;
import jp.kpireview.facts.SummaryOutcome;

/**
 * The groups the summary rules summarise — each project of each year, and each municipality's year as a whole — and
 * what Java reads back: the KPIs the rules counted, their average and grade as the rules gave them, and tallies of
 * the counted KPIs' bands and ☆ (the rules gave those too). A group the rules left without a summary, or gave two,
 * is a rule-set error: an edit that drops the summary fails loudly.
 */
final class Summaries {

    private Summaries() {
    }

    /**
     * How a list of KPIs falls into groups: each municipality's projects in data order, then the municipality as a
     * whole (which KPIs each holds is the summary rules' to say). The same for every year, so worked out once.
     */
    record Grouping(List<Group> groups) {

        private record Group(String municipality, String project) {
        }

        static Grouping of(List<Kpi> kpis) {
            Map<String, Set<String>> byMunicipality = new LinkedHashMap<>();
            for (Kpi k : kpis) {
                byMunicipality.computeIfAbsent(k.municipality(), m -> new LinkedHashSet<>()).add(k.project());
            }
            List<Group> groups = new ArrayList<>();
            byMunicipality.forEach((municipality, projects) -> {
                projects.forEach(project -> groups.add(new Group(municipality, project)));
                groups.add(new Group(municipality, null));
            });
            return new Grouping(List.copyOf(groups));
        }

        /** One group per project (in data order) and one for the whole, for one year: the facts to summarise. */
        List<ProjectYear> groups(int year) {
            List<ProjectYear> facts = new ArrayList<>(groups.size());
            for (Group g : groups) {
                facts.add(new ProjectYear(g.municipality(), g.project(), year, new SummaryOutcome()));
            }
            return facts;
        }
    }

    /** What the rules concluded for {@code group}; a rule-set error when they concluded nothing or too much. */
    static ProjectSummary read(ProjectYear group, ReviewEngine.Tables tables, RuleBase rules) {
        List<Band> bands = tables.bands();
        List<String> grades = tables.grades();
        SummaryOutcome o = group.outcome();
        String what = (group.whole() ? group.municipality() + " の全体" : "施策 " + group.project())
                + " (" + FiscalYear.label(group.year()) + ")";
        if (o.summaries() != 1) {
            throw new RuleSetException(new RuleProblem(rules.folder().toString(), 0, o.summaries() == 0
                    ? "どのルールも " + what + " の集計 (集計する KPI) を作りませんでした"
                    : o.summaries() + " 個のルールが " + what + " の集計を作りました: 集計のルールの salience を KPI の"
                            + "ルールより低くして、すべての KPI の評価の後に一度だけ動くようにします"));
        }
        if (o.memberships() != 1) {
            throw problem(rules, o.memberships() == 0 ? "どのルールも " + what + " に入る KPI (全: Members.of) を決めませんでした"
                    : o.memberships() + " 個のルールが " + what + " に入る KPI (全) を決めました: 一つにします");
        }
        String grade = grade(o, grades, what, rules);
        if (o.average() != null && !tables.terms().hasAverage()) {
            throw problem(rules, "ルールが " + what + " に集計の値 " + o.average() + " をつけましたが、方針の"
                    + "用語 (Terms) に集計の値の名前がありません: .average(\"平均スコア\") を書きます");
        }
        List<KpiYear> counted = o.counted();
        Map<String, Integer> bandCounts = new LinkedHashMap<>();
        bands.forEach(b -> bandCounts.put(b.mark(), 0));
        int achieved = 0;
        for (KpiYear k : counted) {
            if (k.outcome().band() != null) {
                bandCounts.merge(k.outcome().band().mark(), 1, Integer::sum);
            }
            if (k.outcome().achieved()) {
                achieved++;
            }
        }
        return new ProjectSummary(group.whole() ? null : group.project(), group.year(), businesses(counted),
                businesses(o.members()), counted.size(), o.members().size(), o.average(), bandCounts, achieved, grade,
                tables.terms(), bands, o.trace());
    }

    /** The businesses (事業) of {@code kpis}: by their number, or by their name where the sheet numbers none. */
    private static int businesses(List<KpiYear> kpis) {
        Set<Business> businesses = new HashSet<>(2 * kpis.size());
        for (KpiYear k : kpis) {
            boolean numbered = k.businessNo() != null && !k.businessNo().isEmpty();
            businesses.add(numbered ? new Business(k.businessNo(), null) : new Business(null, k.business()));
        }
        return businesses.size();
    }

    /** A business told apart by its number, or by its name where the sheet numbers none. */
    private record Business(String number, String name) {
    }

    private static String grade(SummaryOutcome o, List<String> grades, String what, RuleBase rules) {
        if (grades.isEmpty()) {
            if (!o.grades().isEmpty()) {
                throw problem(rules, "ルールが " + what + " に評価 " + o.grades().get(0)
                        + " をつけましたが、評価の表 (Grades.of(…)) がありません");
            }
            return null;
        }
        if (o.grades().size() != 1) {
            throw problem(rules, o.grades().isEmpty() ? "どのルールも " + what + " に評価をつけませんでした (集計の値 "
                    + o.average() + ")" : "ルールが " + what + " に評価を " + o.grades().size() + " つ " + o.grades()
                    + " つけました: 評価のルールが重なっています");
        }
        String grade = o.grades().get(0);
        if (!grades.contains(grade)) {
            throw problem(rules, "ルールが " + what + " に評価 " + grade + " をつけましたが、評価の表 " + grades
                    + " にない評価です");
        }
        return grade;
    }

    private static RuleSetException problem(RuleBase rules, String message) {
        return new RuleSetException(new RuleProblem(rules.folder().toString(), 0, message));
    }
}
