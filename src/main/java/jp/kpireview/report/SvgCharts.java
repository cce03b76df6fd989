package jp.kpireview.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's charts as inline SVG: drawn here, so report.html needs no script and no network. */
final class SvgCharts {

    /** Colours from the lowest band to the highest; a scale with other than four bands spreads over them. */
    private static final String[] PALETTE = {"#c0392b", "#e67e22", "#f1c40f", "#7fb77e", "#2e86c1", "#1e8449"};
    private static final int BAR_HEIGHT = 22;
    private static final int BAR_GAP = 6;
    private static final int LABEL_WIDTH = 118;
    private static final int BAR_WIDTH = 420;

    private SvgCharts() {
    }

    /** One bar of a band distribution: its label and the count per band, lowest band first. */
    record Bar(String label, List<Integer> counts) {

        int total() {
            return counts.stream().mapToInt(Integer::intValue).sum();
        }
    }

    static String colour(int band, int bands) {
        if (bands <= 1) {
            return PALETTE[PALETTE.length - 1];
        }
        return bands == 4 ? PALETTE[new int[] {0, 1, 3, 5}[band]]
                : PALETTE[Math.round(band * (PALETTE.length - 1) / (float) (bands - 1))];
    }

    /** Stacked horizontal bars, one per year: how many scored KPIs fell in each band, the count in each segment. */
    static String bandDistribution(List<Bar> bars, List<String> marks, String title) {
        int height = bars.size() * (BAR_HEIGHT + BAR_GAP) + BAR_GAP;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"bands\" role=\"img\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\"><title>%s</title>", LABEL_WIDTH + BAR_WIDTH + 40, height,
                LABEL_WIDTH + BAR_WIDTH + 40, height, Html.escape(title)));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = BAR_GAP + i * (BAR_HEIGHT + BAR_GAP);
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" class=\"axis\">%s</text>",
                    y + BAR_HEIGHT - 6, Html.escape(bar.label())));
            double x = LABEL_WIDTH;
            for (int band = 0; band < bar.counts().size(); band++) {
                int count = bar.counts().get(band);
                if (count == 0) {
                    continue;
                }
                double width = BAR_WIDTH * count / (double) bar.total();
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                        + "fill=\"%s\"><title>%s %d</title></rect>", x, y, width, BAR_HEIGHT,
                        colour(band, marks.size()), Html.escape(marks.get(band)), count));
                if (width >= 26) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"in\">%s%,d</text>",
                            x + width / 2, y + BAR_HEIGHT - 6, Html.escape(marks.get(band)), count));
                }
                x += width;
            }
            if (bar.total() == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"axis\">—</text>",
                        LABEL_WIDTH, y + BAR_HEIGHT - 6));
            }
        }
        return svg.append("</svg>").toString();
    }

    /**
     * A KPI's score per year on the −100…100 scale, faint lines at the band edges given; a year without a score
     * breaks the line.
     */
    static String sparkline(List<BigDecimal> scores, List<BigDecimal> edges) {
        int width = 112;
        int height = 34;
        double step = scores.size() > 1 ? (width - 8) / (double) (scores.size() - 1) : 0;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg class=\"spark\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\">", width, height, width, height));
        for (BigDecimal edge : edges) {
            double y = y(edge, height);
            svg.append(String.format(Locale.ROOT, "<line x1=\"0\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"edge\"/>",
                    width, y, y));
        }
        List<String> run = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) {
            BigDecimal score = scores.get(i);
            if (score == null) {
                polyline(svg, run);
                continue;
            }
            double x = 4 + i * step;
            double y = y(score, height);
            run.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\"><title>%s</title>"
                    + "</circle>", x, y, score.toPlainString()));
        }
        polyline(svg, run);
        return svg.append("</svg>").toString();
    }

    private static void polyline(StringBuilder svg, List<String> points) {
        if (points.size() > 1) {
            svg.append("<polyline points=\"").append(String.join(" ", points)).append("\"/>");
        }
        points.clear();
    }

    /** −100 at the bottom, 100 at the top, with a margin of 3. */
    private static double y(BigDecimal score, int height) {
        double clamped = Math.max(-100, Math.min(100, score.doubleValue()));
        return 3 + (100 - clamped) / 200 * (height - 6);
    }
}
