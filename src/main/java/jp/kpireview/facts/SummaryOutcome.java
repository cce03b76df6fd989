package jp.kpireview.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What the summary rules concluded about one {@link ProjectYear}. Not a fact: rules write to it, Java reads it after
 * the rules have fired (and refuses a group that got no summary, or more than one, or a grade twice).
 */
public final class SummaryOutcome {

    private List<KpiYear> counted;
    private int summaries;
    private List<KpiYear> members;
    private int memberships;
    private BigDecimal average;
    private final List<String> grades = new ArrayList<>(1);
    /** The rules that fired about the summary, in order, when the run keeps a trace. */
    private final List<jp.kpireview.domain.RuleStep> trace = new ArrayList<>();

    void counted(List<KpiYear> kpis) {
        counted = List.copyOf(kpis);
        summaries++;
    }

    void members(List<KpiYear> kpis) {
        members = List.copyOf(kpis);
        memberships++;
    }

    void average(BigDecimal value) {
        average = value;
    }

    void grade(String label) {
        grades.add(label);
    }

    /** Records a rule that fired about this summary (the engine's trace; explain --project prints it). */
    public void fired(jp.kpireview.domain.RuleStep step) {
        trace.add(step);
    }

    public List<jp.kpireview.domain.RuleStep> trace() {
        return List.copyOf(trace);
    }

    /** The KPIs the summary counts; null when no summary rule fired. */
    public List<KpiYear> counted() {
        return counted;
    }

    /** Every KPI the group holds (全); null when no rule said which. */
    public List<KpiYear> members() {
        return members;
    }

    /** How many times a rule said which KPIs the group holds (1 when the rules are sound). */
    public int memberships() {
        return memberships;
    }

    /** How many times a summary rule chose the counted KPIs (1 when the rules are sound). */
    public int summaries() {
        return summaries;
    }

    public BigDecimal average() {
        return average;
    }

    /** The grades the rules gave, in order (one when the rules grade, none when they do not). */
    public List<String> grades() {
        return grades;
    }
}
