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
                throw new IllegalArgumentException("the grade " + label + " is written twice");
            }
            grades.labels.add(label);
        }
        if (grades.labels.isEmpty()) {
            throw new IllegalArgumentException("a grade table needs at least one grade");
        }
        return grades;
    }

    public List<String> labels() {
        return List.copyOf(labels);
    }
}
