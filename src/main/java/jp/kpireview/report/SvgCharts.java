package jp.kpireview.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's charts as inline SVG: drawn here, so report.html needs no script and no network. */
final class SvgCharts {

    /**
     * Colours by a band's place counted from the best: the best band is always dark green, the next light green, the
     * third orange, then reds, darker the worse; so a mark at the same place has one colour whatever the scale (●,
     * third from the best in Otaru's × ● ○ ◎ and in × △ ● ○ ◎, is orange in both).
     */
    private static final String[] FROM_THE_BEST = {"#1e8449", "#7fb77e", "#e67e22", "#c0392b", "#922b21", "#641e16"};
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

    /** The colour of the band at {@code band} (0 the lowest) in a scale of {@code bands}. */
    static String colour(int band, int bands) {
        return FROM_THE_BEST[Math.min(Math.max(0, bands - 1 - band), FROM_THE_BEST.length - 1)];
    }

    /** Stacked horizontal bars, one per year: how many scored KPIs fell in each band, the count in each segment. */
    static String bandDistribution(List<Bar> bars, List<jp.kpireview.domain.Band> columns, String title) {
        List<String> marks = SummaryCsv.headings(columns);
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
                        HtmlReport.colour(columns, columns.get(band)), Html.escape(marks.get(band)), count));
                if (width >= 26) {
                    // the mark alone in the bar (its full heading, with its scale, is the segment's title)
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"in\">%s%,d</text>",
                            x + width / 2, y + BAR_HEIGHT - 6, Html.escape(columns.get(band).mark()), count));
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
     * One KPI as an officer reads it: its actual per year (the line with dots) against the baseline (dotted), the
     * annual targets the scores were measured against (small bars) and the final target (dashed), on the KPI's own
     * scale, with the lowest and highest value and the first and last year as axis labels.
     *
     * @param references the annual target per year, null where there was none (the same order as {@code years})
     */
    static String actualsChart(List<Integer> years, List<BigDecimal> actuals, List<BigDecimal> references,
            BigDecimal baseline, BigDecimal target) {
        int width = 190;
        int height = 64;
        int left = 38;
        int right = 6;
        int top = 6;
        int bottom = 14;
        List<BigDecimal> all = new ArrayList<>(List.of(target));
        if (baseline != null) {
            all.add(baseline);
        }
        actuals.stream().filter(v -> v != null).forEach(all::add);
        references.stream().filter(v -> v != null).forEach(all::add);
        double min = all.stream().mapToDouble(BigDecimal::doubleValue).min().orElse(0);
        double max = Math.max(all.stream().mapToDouble(BigDecimal::doubleValue).max().orElse(1), min + 1e-9);
        double span = max - min;
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        double step = years.size() > 1 ? plotW / (years.size() - 1) : 0;
        java.util.function.DoubleUnaryOperator y = v -> top + (max - v) / span * plotH;
        java.util.function.IntToDoubleFunction x = i -> left + (years.size() > 1 ? i * step : plotW / 2);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg class=\"kpi\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%s</text>"
                + "<text x=\"%d\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%s</text>", left - 3, top + 7.0,
                number(max), left - 3, (double) top + plotH, number(min)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"axis\">%s</text>", left,
                height - 2, jp.kpireview.domain.FiscalYear.japaneseLabel(years.get(0))));
        if (years.size() > 1) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"end\">%s"
                    + "</text>", width - right, height - 2, jp.kpireview.domain.FiscalYear.japaneseLabel(years.get(years.size() - 1))));
        }
        if (baseline != null) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"base\">"
                    + "<title>基準値 %s</title></line>", left, width - right + 0.0,
                    y.applyAsDouble(baseline.doubleValue()), y.applyAsDouble(baseline.doubleValue()),
                    baseline.toPlainString()));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"goal\">"
                + "<title>目標値 %s</title></line>", left, width - right + 0.0, y.applyAsDouble(target.doubleValue()),
                y.applyAsDouble(target.doubleValue()), target.toPlainString()));
        for (int i = 0; i < years.size(); i++) {
            BigDecimal r = references.get(i);
            if (r != null) {
                double ry = y.applyAsDouble(r.doubleValue());
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                        + "class=\"annual\"><title>%s 年度目標 %s</title></line>", x.applyAsDouble(i) - 4,
                        x.applyAsDouble(i) + 4, ry, ry, jp.kpireview.domain.FiscalYear.japaneseLabel(years.get(i)), number(r.doubleValue())));
            }
        }
        List<String> run = new ArrayList<>();
        for (int i = 0; i < years.size(); i++) {
            BigDecimal v = actuals.get(i);
            if (v == null) {
                polyline(svg, run);
                continue;
            }
            double px = x.applyAsDouble(i);
            double py = y.applyAsDouble(v.doubleValue());
            run.add(String.format(Locale.ROOT, "%.1f,%.1f", px, py));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.4\"><title>%s 実績 %s</title>"
                    + "</circle>", px, py, jp.kpireview.domain.FiscalYear.japaneseLabel(years.get(i)), v.toPlainString()));
        }
        polyline(svg, run);
        return svg.append("</svg>").toString();
    }

    /** A value for an axis label: at most 4 significant digits, thousands as 万 where it helps. */
    private static String number(double v) {
        double a = Math.abs(v);
        if (a >= 100_000) {
            return String.format(Locale.ROOT, "%.0f万", v / 10_000);
        }
        if (a >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return new BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static void polyline(StringBuilder svg, List<String> points) {
        if (points.size() > 1) {
            svg.append("<polyline points=\"").append(String.join(" ", points)).append("\"/>");
        }
        points.clear();
    }

}
