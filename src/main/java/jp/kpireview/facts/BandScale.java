package jp.kpireview.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.Band;

/**
 * The bands of the policy (評価区分), lowest first, written in rules/bands.drl. On a score scale each band starts at
 * its lower edge and runs up to the next band's edge, so every score falls in exactly one band; edges must rise. A
 * policy that judges without a score lists its bands in order with {@link #then} and its rules give each KPI its
 * band by mark ({@link #band}).
 */
public final class BandScale {

    private final List<Band> bands = new ArrayList<>();
    /** The table row each band was written in, by mark; empty for a scale a DRL rule wrote. */
    /** Each band's table row as explanations print it ({@code 区分表 8行目}), made once: every judgment names it. */
    private final java.util.Map<String, String> rows = new java.util.HashMap<>();

    private BandScale(Band lowest, TableRow at) {
        add(lowest, at);
    }

    /**
     * The scale the band table's rows (区分表.csv) make, in the table's order: the first row is the lowest band and has
     * no lower edge; on a score scale every other row has one, rising. A row that breaks this is reported at its row
     * and column.
     */
    public static BandScale of(java.util.Collection<?> tableRows) {
        List<BandRow> rows = tableRows.stream().map(BandRow.class::cast)
                .sorted(java.util.Comparator.comparingInt(r -> r.at().row())).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("区分表に行がありません (the band table has no rows)");
        }
        BandRow first = rows.get(0);
        if (first.lower() != null) {
            throw new TableValueException(first.at(), "from", "いちばん上の行は最も低い区分で、下限は空欄です (the first"
                    + " band is the lowest and starts nowhere: leave its edge empty)");
        }
        BandScale scale = new BandScale(new Band(first.mark(), first.label(), null), first.at());
        scale.rows.put(first.mark(), first.at().toString());
        boolean edges = rows.size() > 1 && rows.get(1).lower() != null;
        for (BandRow row : rows.subList(1, rows.size())) {
            if (edges && row.lower() == null) {
                throw new TableValueException(row.at(), "from", "区分 " + row.mark() + " の下限が空欄です: 2 行目からの"
                        + "区分には下限を書きます (every band above the first needs its edge)");
            }
            if (!edges && row.lower() != null) {
                throw new TableValueException(row.at(), "from", "区分 " + row.mark() + " に下限がありますが、2 行目の区分"
                        + "にはありません: 下限は 2 行目から全部の行に書くか、どの行にも書かないかです");
            }
            if (edges) {
                scale.from(row.lower().doubleValue(), row.mark(), row.label(), row.at());
            } else {
                scale.then(row.mark(), row.label(), row.at());
            }
            scale.rows.put(row.mark(), row.at().toString());
        }
        return scale;
    }

    /** The table row {@code band} was written in ({@code 区分表 8行目}); empty for a scale written in DRL. */
    public String rowOf(Band band) {
        String at = band == null ? null : rows.get(band.mark());
        return at == null ? "" : at;
    }

    /** The band below the first edge. */
    public static BandScale startingWith(String mark, String label) {
        return new BandScale(new Band(mark, label, null), TableRow.NONE);
    }

    /** A band from {@code lowerEdge} (inclusive) up to the next edge. */
    public BandScale from(double lowerEdge, String mark, String label) {
        return from(lowerEdge, mark, label, TableRow.NONE);
    }

    /** The next band up, with no edge: a policy that judges without a score lists its bands lowest first. */
    public BandScale then(String mark, String label) {
        return then(mark, label, TableRow.NONE);
    }

    private BandScale from(double lowerEdge, String mark, String label, TableRow at) {
        BigDecimal edge = asWritten(lowerEdge);
        BigDecimal previous = bands.get(bands.size() - 1).lower();
        if (bands.size() > 1 && previous == null) {
            throw at.refused("from", "区分 " + mark + " に境界値がありますが、前の区分にはありません: 境界値は"
                    + "全部の区分に書くか、どれにも書かないかです (band " + mark + " has an edge but the one before it has"
                    + " none: use from(…) for every band or then(…) for every band)");
        }
        if (previous != null && edge.compareTo(previous) <= 0) {
            throw at.refused("from", "区分 " + mark + " の境界値 " + edge.toPlainString() + " が前の境界値 "
                    + previous.toPlainString() + " より大きくありません (edges must rise)");
        }
        add(new Band(mark, label, edge, bands.size()), at);
        return this;
    }

    private BandScale then(String mark, String label, TableRow at) {
        if (bands.get(bands.size() - 1).lower() != null) {
            throw at.refused("from", "区分 " + mark + " に境界値がありません: 境界値のある区分表では from(境界値,"
                    + " 記号, 名前) で書いてください (band " + mark + " has no edge, but the scale has edges)");
        }
        add(new Band(mark, label, null, bands.size()), at);
        return this;
    }

    private void add(Band band, TableRow at) {
        if (bands.stream().anyMatch(b -> b.mark().equals(band.mark()))) {
            throw at.refused("of", "区分の記号 " + band.mark() + " が二度使われています (band mark "
                    + band.mark() + " is used twice)");
        }
        bands.add(band);
        // every band carries the identity of the whole scale: rewritten as the scale grows
        StringBuilder identity = new StringBuilder();
        bands.forEach(b -> identity.append(b.mark()).append('\u001f').append(b.label()).append('\u001f')
                .append(b.lower() == null ? "" : b.lower().toPlainString()).append('\u001e'));
        String scale = identity.toString();
        bands.replaceAll(b -> b.inScale(scale));
    }

    /** True when the bands have edges on a score: {@link #bandOf} works; otherwise rules give bands by mark. */
    public boolean hasEdges() {
        return bands.size() > 1 && bands.get(1).lower() != null;
    }

    /** The band with {@code mark}; an error naming the marks there are when no band has it. */
    public Band band(String mark) {
        for (Band b : bands) {
            if (b.mark().equals(mark)) {
                return b;
            }
        }
        throw new IllegalArgumentException("区分 '" + mark + "' は区分表にありません (no band " + mark + "; the bands are "
                + String.join(" ", bands.stream().map(Band::mark).toList()) + ")");
    }

    /** 50 rather than 50.0, 49.5 as 49.5: the edge as the policy officer wrote it. */
    private static BigDecimal asWritten(double value) {
        BigDecimal edge = BigDecimal.valueOf(value).stripTrailingZeros();
        return edge.scale() < 0 ? edge.setScale(0) : edge;
    }

    public Band bandOf(BigDecimal score) {
        if (!hasEdges()) {
            throw new IllegalArgumentException("この区分表には境界値がないので、スコアから区分は決まりません: band(記号) で"
                    + "区分を選んでください (the scale has no edges: give bands by mark)");
        }
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
