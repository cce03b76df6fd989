package jp.kpireview.facts;

import java.util.List;
import org.kie.api.definition.rule.Rule;

/**
 * One row of a grade table (評価.csv): a grade a project summary gets, the share of its counted KPIs that must be in
 * the named bands (none for the lowest grade), and those bands' marks, with spaces between them. Written in the
 * template (評価.drt) as {@code GradeRow.of(drools.getRule(), "順調").from(70).counting("○ ◎")}.
 *
 * @param share the share (0 to 1) from which the grade is given; 0 when the row gives it whatever the share
 */
public record GradeRow(TableRow at, String grade, double share, List<String> marks) {

    public static GradeRow of(Rule rule, String grade) {
        return new GradeRow(TableRow.of(rule), grade, 0, List.of());
    }

    /** The share, written as a percentage (70 for 70 %). */
    public GradeRow from(double percent) {
        if (percent < 0 || percent > 100) {
            throw new TableValueException(at, "from", "割合 " + percent + " % は 0 から 100 の間です"
                    + " (a share is between 0 and 100 %)");
        }
        return new GradeRow(at, grade, percent / 100, marks);
    }

    /** The bands whose KPIs the share counts, with spaces (or 全角 spaces) between their marks. */
    public GradeRow counting(String marks) {
        return new GradeRow(at, grade, share, TableRow.words(marks));
    }

    /** True when the share of {@code summary}'s counted KPIs in this row's bands is at least the row's. */
    public boolean reachedBy(Summary summary) {
        return summary.shareIn(marks) >= share;
    }

    /** The marks as written, for an explanation: {@code ○ ◎}. */
    public String counted() {
        return String.join(" ", marks);
    }

    /** The share as a percentage, for an explanation: {@code 70}. */
    public String percent() {
        return java.math.BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString();
    }
}
