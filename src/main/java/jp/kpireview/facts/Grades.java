package jp.kpireview.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * The grades a summary can get (e.g. 順調 / 概ね順調 / 遅れ), best first, written in the summary rules. Optional: rules
 * without a grade table give no grades, and the reports show none.
 */
public final class Grades {

    private final List<String> labels = new ArrayList<>();

    private Grades() {
    }

    public static Grades of(String... labels) {
        Grades grades = new Grades();
        for (String label : labels) {
            if (grades.labels.contains(label)) {
                throw new IllegalArgumentException("評価 " + label + " が二度書かれています");
            }
            grades.labels.add(label);
        }
        if (grades.labels.isEmpty()) {
            throw new IllegalArgumentException("評価の表には評価が一つ以上要ります");
        }
        return grades;
    }

    /**
     * The grade table the rows of a grade table (評価.csv) make, best first as the table lists them: a grade written
     * twice, or a row counting a band the band scale does not have, is reported at its row and column.
     */
    public static Grades of(java.util.Collection<?> tableRows, BandScale scale) {
        List<GradeRow> rows = tableRows.stream().map(GradeRow.class::cast)
                .sorted(java.util.Comparator.comparingInt(r -> r.at().row())).toList();
        Grades grades = new Grades();
        for (GradeRow row : rows) {
            if (grades.labels.contains(row.grade())) {
                throw new TableValueException(row.at(), "of", "評価 " + row.grade() + " が二度書かれています (the grade "
                        + row.grade() + " is written twice)");
            }
            for (String mark : row.marks()) {
                try {
                    scale.band(mark);
                } catch (IllegalArgumentException unknown) {
                    throw new TableValueException(row.at(), "counting", unknown.getMessage());
                }
            }
            grades.labels.add(row.grade());
        }
        return grades;
    }

    public List<String> labels() {
        return List.copyOf(labels);
    }
}
