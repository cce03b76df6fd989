package jp.kpireview.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One band of a policy's scale (評価区分), e.g. ○ "50~100". On a score scale a band runs from its lower edge
 * (inclusive) up to the next band's lower edge; the lowest band has no lower edge, nor has any band of a policy that
 * judges without a score. A band belongs to its scale: the same mark on another scale is another band.
 *
 * @param rank  the band's place in its scale, 0 for the lowest: what a trend compares without a score
 * @param scale the scale's identity, written from all its bands (marks, labels and edges): two policies with the
 *              same scale share their bands, two with different scales never do, whatever their marks
 */
public record Band(String mark, String label, BigDecimal lower, int rank, String scale) {

    /** A band outside any scale (tests, a published table). */
    public Band(String mark, String label, BigDecimal lower, int rank) {
        this(mark, label, lower, rank, "");
    }

    public Band(String mark, String label, BigDecimal lower) {
        this(mark, label, lower, 0, "");
    }

    /** The same band as part of the scale {@code identity}. */
    public Band inScale(String identity) {
        return new Band(mark, label, lower, rank, identity);
    }

    /**
     * The band columns of a report over years of several scales (policy periods): each distinct scale, oldest first,
     * with its bands lowest first. Years under the same scale share its columns; bands of different scales are never
     * added up because their marks match.
     */
    public static List<Band> columns(List<List<Band>> scales) {
        Set<Band> columns = new LinkedHashSet<>();
        scales.forEach(columns::addAll);
        return List.copyOf(new ArrayList<>(columns));
    }

    /** True when another column of {@code columns} has this band's mark (so a heading must say whose it is). */
    public boolean markSharedIn(List<Band> columns) {
        return columns.stream().anyMatch(c -> !c.equals(this) && c.mark().equals(mark));
    }

    /** How many bands this band's scale has among {@code columns}. */
    public int scaleSize(List<Band> columns) {
        return (int) columns.stream().filter(c -> c.scale().equals(scale)).count();
    }
}
