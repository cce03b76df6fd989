package jp.kpireview.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.Band;

/**
 * The bands of the score scale (評価区分), written in rules/bands.drl. Each band starts at its lower edge and runs up
 * to the next band's edge, so every score falls in exactly one band; edges must rise.
 */
public final class BandScale {

    private final List<Band> bands = new ArrayList<>();

    private BandScale(Band lowest) {
        bands.add(lowest);
    }

    /** The band below the first edge. */
    public static BandScale startingWith(String mark, String label) {
        return new BandScale(new Band(mark, label, null));
    }

    /** A band from {@code lowerEdge} (inclusive) up to the next edge. */
    public BandScale from(double lowerEdge, String mark, String label) {
        BigDecimal edge = asWritten(lowerEdge);
        BigDecimal previous = bands.get(bands.size() - 1).lower();
        if (previous != null && edge.compareTo(previous) <= 0) {
            throw new IllegalArgumentException("band " + mark + " starts at " + edge.toPlainString()
                    + ", not above the previous edge " + previous.toPlainString() + ": edges must rise");
        }
        if (bands.stream().anyMatch(b -> b.mark().equals(mark))) {
            throw new IllegalArgumentException("band mark " + mark + " is used twice");
        }
        bands.add(new Band(mark, label, edge));
        return this;
    }

    /** 50 rather than 50.0, 49.5 as 49.5: the edge as the policy officer wrote it. */
    private static BigDecimal asWritten(double value) {
        BigDecimal edge = BigDecimal.valueOf(value).stripTrailingZeros();
        return edge.scale() < 0 ? edge.setScale(0) : edge;
    }

    public Band bandOf(BigDecimal score) {
        for (int i = bands.size() - 1; i > 0; i--) {
            if (score.compareTo(bands.get(i).lower()) >= 0) {
                return bands.get(i);
            }
        }
        return bands.get(0);
    }

    public List<Band> bands() {
        return List.copyOf(bands);
    }
}
