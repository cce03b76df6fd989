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
    private static final Pattern FORM = Pattern.compile("(FY|H|R)?\\s*(\\d{1,4})", Pattern.CASE_INSENSITIVE);

    private FiscalYear() {
    }

    /** Parses {@code FY2018}, {@code 2018}, {@code H30} or {@code R1}; returns the Western year. */
    public static int parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a fiscal year: '" + text + "' (write FY2018, 2018, H30 or R1)");
        }
        String era = m.group(1) == null ? "" : m.group(1).toUpperCase(Locale.ROOT);
        int number = Integer.parseInt(m.group(2));
        int year = switch (era) {
            case "H" -> number + HEISEI_OFFSET;
            case "R" -> number + REIWA_OFFSET;
            default -> number;
        };
        if (year < 1989 || year > 2100 || (era.isEmpty() || era.equals("FY")) && m.group(2).length() != 4) {
            throw new IllegalArgumentException("not a fiscal year: '" + text + "' (write FY2018, 2018, H30 or R1)");
        }
        return year;
    }

    /** {@code FY2018}. */
    public static String label(int year) {
        return "FY" + year;
    }

    /** 和暦 label: {@code H30}, {@code R1}. */
    public static String japaneseLabel(int year) {
        return year > REIWA_OFFSET ? "R" + (year - REIWA_OFFSET) : "H" + (year - HEISEI_OFFSET);
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
