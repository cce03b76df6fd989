package jp.kpireview.domain;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Japanese fiscal years (年度, April to March), named by their Western start year: FY2018 = 平成30年度 (H30).
 * FY2019 is written R1: 令和 began in May 2019, and 令和元年度 is the usual name of that fiscal year.
 */
public final class FiscalYear {

    private static final int HEISEI_OFFSET = 1988;
    private static final int REIWA_OFFSET = 2018;
    /** The years a label can name (平成元年度 to 2100), and their labels made once: reports print one per KPI-year. */
    private static final int FIRST = 1989;
    private static final int LAST = 2100;
    private static final String[] LABELS = labels(FiscalYear::westernLabel);
    private static final String[] JAPANESE_LABELS = labels(FiscalYear::eraLabel);
    /** FY2018, 2018, H30, R1, 平成30, 令和元 (元 = 1), each with 年度 after it or not. */
    private static final Pattern FORM = Pattern.compile("(FY|H|R|平成|令和)?\\s*(\\d{1,4}|元)\\s*(年度)?",
            Pattern.CASE_INSENSITIVE);
    private static final String FORMS = "FY2018、2018、H30、R1、平成30年度 のように書きます";

    private FiscalYear() {
    }

    /**
     * Parses {@code FY2018}, {@code 2018}, {@code H30}, {@code R1}, {@code 平成30年度} or {@code 令和元年度}, and the
     * {@code H31/R1} the reports print for FY2019; returns the Western year.
     */
    public static int parse(String text) {
        String t = text == null ? "" : java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).strip();
        int slash = t.indexOf('/');
        if (slash > 0) {
            // two names of one year (H31/R1): both must name it
            int first = parse(t.substring(0, slash));
            if (parse(t.substring(slash + 1)) != first) {
                throw new IllegalArgumentException("'" + text + "' は年度として読めません (二つの名前が別の年度です。"
                        + FORMS + ") (not a fiscal year)");
            }
            return first;
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' は年度として読めません (" + FORMS + ") (not a fiscal year)");
        }
        String era = m.group(1) == null ? "" : m.group(1).toUpperCase(Locale.ROOT);
        boolean first = m.group(2).equals("元");
        int number = first ? 1 : Integer.parseInt(m.group(2));
        int year = switch (era) {
            case "H", "平成" -> number + HEISEI_OFFSET;
            case "R", "令和" -> number + REIWA_OFFSET;
            default -> number;
        };
        boolean western = era.isEmpty() || era.equals("FY");
        if (year < FIRST || year > LAST || western && (first || m.group(2).length() != 4)) {
            throw new IllegalArgumentException("'" + text + "' は年度として読めません (" + FORMS + ") (not a fiscal year)");
        }
        return year;
    }

    /** {@code FY2018}. */
    public static String label(int year) {
        return year >= FIRST && year <= LAST ? LABELS[year - FIRST] : westernLabel(year);
    }

    /** 和暦 label: {@code H30}, {@code R1}. */
    public static String japaneseLabel(int year) {
        return year >= FIRST && year <= LAST ? JAPANESE_LABELS[year - FIRST] : eraLabel(year);
    }

    private static String westernLabel(int year) {
        return "FY" + year;
    }

    private static String eraLabel(int year) {
        return year > REIWA_OFFSET ? "R" + (year - REIWA_OFFSET) : "H" + (year - HEISEI_OFFSET);
    }

    private static String[] labels(java.util.function.IntFunction<String> label) {
        return java.util.stream.IntStream.rangeClosed(FIRST, LAST).mapToObj(label).toArray(String[]::new);
    }

    /**
     * A target year as strategy tables print it: FY2019 began under Heisei and was renamed 令和元年度 in May, and the
     * tables written before then (Otaru's FY2018 review among them) print its targets as H31; both names are shown.
     */
    public static String targetLabel(int year) {
        return year == REIWA_OFFSET + 1 ? "H31/R1" : japaneseLabel(year);
    }

    /** {@code FY2018 (H30)}, as reports show it. */
    public static String bothLabels(int year) {
        return label(year) + " (" + japaneseLabel(year) + ")";
    }
}
