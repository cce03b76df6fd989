package jp.kpireview.diff;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Terms;
import jp.kpireview.batch.BatchRunner;
import jp.kpireview.batch.YearSelection;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.engine.Review;
import jp.kpireview.engine.PolicyEngine;

/**
 * What a rule edit changes: the same data evaluated with two rule folders, compared KPI by KPI (band, ☆, score) and
 * project by project (average and band counts). How an officer previews a threshold change before adopting it.
 */
public final class RuleDiff {

    /** A KPI-year whose band or ☆ differs between the two rule folders. */
    public record KpiChange(Evaluation before, Evaluation after) {
    }

    /** A project-year whose summary differs. */
    public record SummaryChange(String municipality, ProjectSummary before, ProjectSummary after) {
    }

    /**
     * @param kpiYears     KPI-years compared
     * @param scoreChanges KPI-years whose score changed, band and ☆ staying the same
     * @param scales       the band scales that differ between the two folders, one line each ("× ● ○ ◎ → D C B A S");
     *                     empty when both use the same. Bands of scales of the same size are compared by their place,
     *                     so a renamed mark is said here once rather than as a change of every KPI
     * @param terms        the words of the two policies, before and after (the columns the reports show)
     */
    public record Result(long kpiYears, List<KpiChange> kpis, List<SummaryChange> summaries, long scoreChanges,
            List<String> scales, List<Terms> terms) {

        /** Whether either policy has a score (else the reports show no score column). */
        public boolean scored() {
            return score() != null;
        }

        /** The heading of a KPI's name (施策KPI, or the newer policy's word for it). */
        public String kpiHeading() {
            return java.util.Objects.requireNonNullElse(Terms.newest(terms, t -> t.word("施策KPI")), "施策KPI");
        }

        /** The name of the score (スコア, 達成率) of the newer policy that has one; null when neither has a score. */
        public String score() {
            return Terms.newest(terms, Terms::score);
        }

        /** The flag either policy gives (☆), or null when neither has one. */
        public String flag() {
            return terms.stream().map(Terms::flag).filter(Objects::nonNull).findFirst().orElse(null);
        }
    }

    private final PolicyEngine before;
    private final PolicyEngine after;
    private final YearSelection years;

    public RuleDiff(PolicyEngine before, PolicyEngine after, YearSelection years) {
        this.before = before;
        this.after = after;
        this.years = years;
    }

    /** Compares every municipality of the data; {@code kpis} are one file's KPIs. */
    public void compare(List<Kpi> kpis, Accumulator into) {
        BatchRunner.byMunicipality(kpis).forEach((municipality, own) -> {
            List<Integer> evaluated = years.resolve(own);
            List<Review> a = before.evaluate(own, evaluated);
            List<Review> b = after.evaluate(own, evaluated);
            for (int y = 0; y < a.size(); y++) {
                compare(municipality, a.get(y), b.get(y), into);
            }
        });
    }

    private static void compare(String municipality, Review a, Review b, Accumulator into) {
        into.terms.putIfAbsent(0, a.terms());
        into.terms.putIfAbsent(1, b.terms());
        boolean byPlace = !sameScale(a.bands(), b.bands()) && a.bands().size() == b.bands().size();
        if (!sameScale(a.bands(), b.bands())) {
            into.scales.add(String.join(" ", a.bands().stream().map(Band::mark).toList()) + " → "
                    + String.join(" ", b.bands().stream().map(Band::mark).toList())
                    + (byPlace ? " (区分は順位で比べています)"
                            : " (区分の数が違うので記号で比べています)")
                    + (byPlace ? changedBands(a, b) : ""));
        }
        for (int i = 0; i < a.evaluations().size(); i++) {
            Evaluation x = a.evaluations().get(i);
            Evaluation y = b.evaluations().get(i);
            into.kpiYears++;
            boolean sameBand = byPlace ? Objects.equals(rank(x), rank(y)) : Objects.equals(mark(x), mark(y));
            if (!sameBand || x.achieved() != y.achieved() || !Objects.equals(x.status(), y.status())) {
                into.kpis.add(new KpiChange(x, y));
            } else if (!sameNumber(x.score(), y.score())) {
                into.scoreChanges++;
            }
        }
        List<ProjectSummary> sa = a.summaries();
        List<ProjectSummary> sb = b.summaries();
        for (int i = 0; i < sa.size(); i++) {
            ProjectSummary x = sa.get(i);
            ProjectSummary y = sb.get(i);
            boolean sameCounts = byPlace ? List.copyOf(x.bandCounts().values()).equals(List.copyOf(
                    y.bandCounts().values())) : x.bandCounts().equals(y.bandCounts());
            if (!sameNumber(x.average(), y.average()) || !sameCounts || x.achieved() != y.achieved()
                    || x.scoredKpis() != y.scoredKpis() || !Objects.equals(x.grade(), y.grade())) {
                into.summaries.add(new SummaryChange(municipality, x, y));
            }
        }
    }

    /** Collects the changes of a run, file after file. */
    public static final class Accumulator {
        private long kpiYears;
        private long scoreChanges;
        private final List<KpiChange> kpis = new ArrayList<>();
        private final List<SummaryChange> summaries = new ArrayList<>();
        private final java.util.Set<String> scales = new java.util.LinkedHashSet<>();
        private final java.util.Map<Integer, Terms> terms = new java.util.TreeMap<>();

        public Result result() {
            return new Result(kpiYears, List.copyOf(kpis), List.copyOf(summaries), scoreChanges, List.copyOf(scales),
                    List.copyOf(terms.values()));
        }
    }

    /**
     * What changed band by band between two scales of as many bands, each with the row it is written in after:
     * {@code ; ◎ 100以上: 下限 100 → 90 (区分表 5行目)}.
     */
    private static String changedBands(Review a, Review b) {
        StringBuilder changes = new StringBuilder();
        for (int i = 0; i < a.bands().size(); i++) {
            Band x = a.bands().get(i);
            Band y = b.bands().get(i);
            List<String> what = new java.util.ArrayList<>();
            if (!x.mark().equals(y.mark()) || !x.label().equals(y.label())) {
                what.add(x.mark() + " " + x.label() + " → " + y.mark() + " " + y.label());
            }
            if (!sameNumber(x.lower(), y.lower())) {
                what.add("下限 " + plain(x.lower()) + " → " + plain(y.lower()));
            }
            if (!what.isEmpty()) {
                String row = i < b.bandRows().size() ? b.bandRows().get(i) : "";
                changes.append("; ").append(y.mark()).append(": ").append(String.join("、", what))
                        .append(row.isEmpty() ? "" : " (" + row + ")");
            }
        }
        return changes.toString();
    }

    private static String plain(BigDecimal edge) {
        return edge == null ? "なし" : edge.toPlainString();
    }

    /** Two scales are the same when their bands have the same marks, labels and edges, in order. */
    private static boolean sameScale(List<Band> a, List<Band> b) {
        return a.equals(b);
    }

    private static Integer rank(Evaluation e) {
        return e.band() == null ? null : e.band().rank();
    }

    static String mark(Evaluation e) {
        return e.band() == null ? null : e.band().mark();
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
