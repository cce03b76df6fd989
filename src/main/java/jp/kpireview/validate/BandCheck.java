package jp.kpireview.validate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.RuleStep;

/**
 * What the probes say about the band scale: every scored probe got exactly one band (no gap, no overlap), the bands
 * follow the score, each edge is where the rules' own formula changes band (or, out of the scores' range, a band
 * that can never be reached), and each band's label names only its own edges.
 */
final class BandCheck {

    /** One thing the band check found; {@code error} false for a warning. */
    record Issue(boolean error, String message) {
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    private final List<Band> bands;
    private final List<Issue> issues = new ArrayList<>();
    private BigDecimal lowest;
    private BigDecimal highest;

    private BandCheck(List<Band> bands) {
        this.bands = bands;
    }

    static BandCheck of(List<Band> bands, Probes probes, List<Probes.Change> changes) {
        BandCheck check = new BandCheck(bands);
        check.oneBandEach(probes);
        if (bands.size() > 1 && bands.get(1).lower() != null) {
            check.range(probes);
            check.order(probes);
            check.edges(changes);
            check.labels();
        } else {
            check.eachBandGiven(probes);
        }
        return check;
    }

    /** Without a score there are no edges to check: each band must at least be given to some probe. */
    private void eachBandGiven(Probes probes) {
        for (Band band : bands) {
            if (probes.points.stream().noneMatch(p -> band.equals(p.evaluation().band()))) {
                issues.add(new Issue(false, "区分 " + band.mark() + " (" + band.label() + ") はどの試しの KPI にもつきません"
                        + ": この区分をつけるルールがないか、その条件が成り立つことがありません"));
            }
        }
    }

    List<Issue> issues() {
        return issues;
    }

    /** The lowest and highest score any probe got: the clamp, for a policy that clamps. */
    String range() {
        if (bands.size() < 2 || bands.get(1).lower() == null) {
            return "スコアなし: 区分はルールが直接つける";
        }
        return lowest == null ? "試しの KPI にスコアがつきませんでした" : "スコアは " + lowest.toPlainString() + " から "
                + highest.toPlainString() + " まで";
    }

    private void oneBandEach(Probes probes) {
        for (Probes.Point p : probes.points) {
            if (!p.judged()) {
                continue;
            }
            long written = p.evaluation().trace().stream().filter(s -> s.band() != null).count();
            if (written != 1) {
                issues.add(new Issue(true, (p.evaluation().score() == null ? "実績値 " + p.actual()
                        .toPlainString() : "スコア " + p.evaluation().score().toPlainString()) + (written == 0
                        ? " に区分がつきません (区分の隙間)" : " に区分が " + written + " つつきます (区分の重なり: "
                        + String.join(", ", p.evaluation().trace().stream().filter(s -> s.band() != null)
                                .map(RuleStep::rule).toList()) + ")")));
                return;
            }
        }
    }

    private void range(Probes probes) {
        for (Probes.Point p : probes.points) {
            if (p.judged()) {
                BigDecimal s = p.evaluation().score();
                lowest = lowest == null || s.compareTo(lowest) < 0 ? s : lowest;
                highest = highest == null || s.compareTo(highest) > 0 ? s : highest;
            }
        }
    }

    /** Sorted by score, the band never steps down. */
    private void order(Probes probes) {
        List<Probes.Point> scored = probes.points.stream().filter(Probes.Point::judged)
                .sorted(Comparator.comparing((Probes.Point p) -> p.evaluation().score()).thenComparing(this::index))
                .toList();
        Probes.Point previous = null;
        for (Probes.Point p : scored) {
            if (previous != null && index(p) < index(previous)) {
                issues.add(new Issue(true, "区分がスコアの順になっていません: " + p.evaluation().score()
                        .toPlainString() + " は " + p.evaluation().band().mark() + " なのに、低い "
                        + previous.evaluation().score().toPlainString() + " が " + previous.evaluation().band().mark()));
                return;
            }
            previous = p;
        }
    }

    /**
     * Each band edge must be where a probe's band changes, found through the rules' own formula: the score just
     * below the change is under the edge, the score at it is on or above. An edge outside the scores' range can
     * never be reached (a warning); one inside it that no change lands on is an error: some rule ignores the scale.
     */
    private void edges(List<Probes.Change> changes) {
        if (lowest == null) {
            return;
        }
        for (int i = 1; i < bands.size(); i++) {
            Band band = bands.get(i);
            BigDecimal edge = band.lower();
            if (edge.compareTo(highest) > 0) {
                issues.add(new Issue(false, edge.toPlainString() + " からの区分 " + band.mark()
                        + " には届きません: " + range()));
                continue;
            }
            if (edge.compareTo(lowest) <= 0) {
                issues.add(new Issue(false, edge.toPlainString() + " より下の区分 " + bands.get(i - 1).mark()
                        + " には届きません: " + range()));
                continue;
            }
            final int into = i;
            List<Probes.Change> at = changes.stream().filter(c -> crosses(c, into)).toList();
            if (at.isEmpty()) {
                issues.add(new Issue(true, "区分 " + band.mark() + " の境界 " + edge.toPlainString()
                        + " で区分が変わる試しがありません (" + range() + "): 区分表を使わずに区分をつけるルールがあります"));
                continue;
            }
            for (Probes.Change c : at) {
                BigDecimal below = lower(c).evaluation().score();
                BigDecimal above = upper(c).evaluation().score();
                // the band is decided on the unrounded score: just below the edge may print as the edge itself
                if (!(below.compareTo(edge) <= 0 && above.compareTo(edge) >= 0)) {
                    issues.add(new Issue(true, "区分 " + band.mark() + " が境界 " + edge.toPlainString()
                            + " でなく、スコア " + above.toPlainString() + " から始まります (その下は " + below.toPlainString()
                            + ")"));
                    break;
                }
            }
        }
    }

    /** True when the change goes from a band below {@code into} to {@code into} or above. */
    private boolean crosses(Probes.Change c, int into) {
        return index(lower(c)) < into && index(upper(c)) >= into;
    }

    private static Probes.Point lower(Probes.Change c) {
        return c.before().evaluation().score().compareTo(c.after().evaluation().score()) <= 0 ? c.before() : c.after();
    }

    private static Probes.Point upper(Probes.Change c) {
        return lower(c) == c.before() ? c.after() : c.before();
    }

    private int index(Probes.Point p) {
        return bands.indexOf(p.evaluation().band());
    }

    /** A number in a band's label must be one of its edges: {@code 50~100} beside an edge moved to 90 is stale. */
    private void labels() {
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            List<BigDecimal> own = new ArrayList<>();
            if (band.lower() != null) {
                own.add(band.lower());
            }
            if (i + 1 < bands.size()) {
                own.add(bands.get(i + 1).lower());
            }
            Matcher m = NUMBER.matcher(band.label());
            while (m.find()) {
                BigDecimal named = new BigDecimal(m.group());
                if (own.stream().noneMatch(e -> e.compareTo(named) == 0)) {
                    issues.add(new Issue(false, "区分 " + band.mark() + " の名称 '" + band.label() + "' は "
                            + m.group() + " を示しますが、区分は " + span(i) + " です"));
                }
            }
        }
    }

    private String span(int i) {
        Band band = bands.get(i);
        String from = band.lower() == null ? "" : band.lower().toPlainString() + " から";
        String to = i + 1 < bands.size() ? bands.get(i + 1).lower().toPlainString() + " 未満" : "";
        return String.join(" ", List.of(from, to).stream().filter(s -> !s.isEmpty()).toList());
    }
}
