package jp.kpireview.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One band of the score scale (評価区分), e.g. ○ "50~100". A band runs from its lower edge (inclusive) up to the
 * next band's lower edge; the lowest band has no lower edge. The edges are written in rules/bands.drl.
 */
public record Band(String mark, String label, BigDecimal lower, int rank) {

    /** @param rank the band's place in its scale, 0 for the lowest: what a trend compares without a score */
    public Band {
    }

    /** The lowest band of a scale, or a band whose place is not known. */
    public Band(String mark, String label, BigDecimal lower) {
        this(mark, label, lower, 0);
    }

    /**
     * The band columns of a report over years of several band scales (policy periods), oldest scale first: the
     * newest scale as it is, and each mark only an older scale has put in by its edge. One column per mark.
     */
    public static List<Band> columns(List<List<Band>> scales) {
        List<Band> columns = new ArrayList<>();
        for (int s = scales.size() - 1; s >= 0; s--) {
            for (Band band : scales.get(s)) {
                if (columns.stream().noneMatch(c -> c.mark().equals(band.mark()))) {
                    int at = 0;
                    while (at < columns.size() && !after(columns.get(at), band)) {
                        at++;
                    }
                    columns.add(at, band);
                }
            }
        }
        return List.copyOf(columns);
    }

    /** True when {@code column} starts above {@code band} (the band below every edge starts nowhere). */
    private static boolean after(Band column, Band band) {
        return band.lower() == null ? column.lower() != null
                : column.lower() != null && column.lower().compareTo(band.lower()) > 0;
    }
}
