package jp.kpireview.facts;

/**
 * A rule asked for a value the KPI's data does not have (a baseline a town does not publish, a column of the town's
 * own that the sheet lacks or a number its cell does not hold): a data error naming the KPI and the field, never a
 * crash. Thrown by the fact's accessor; the engine reports it located.
 */
public final class MissingValue extends RuntimeException {

    private final transient KpiYear kpi;
    private final String field;
    /** Where a message names the rule that asked. */
    private static final String WHO = "{rule}";
    /** What is wrong, in Japanese, with {@link #WHO} where the rule that asked is named. */
    private final String japanese;
    /** The same in English, after the Japanese. */
    private final String english;

    public MissingValue(KpiYear kpi, String field, String japanese) {
        this(kpi, field, japanese + "がありません: " + WHO + "が" + japanese + "を使います", "the rules need a " + field
                + ", and the data has none for this KPI", "この方針のルール");
    }

    private MissingValue(KpiYear kpi, String field, String japanese, String english, String who) {
        super(japanese.replace(WHO, who) + " (" + english + ")", null, false, false);
        this.kpi = kpi;
        this.field = field;
        this.japanese = japanese;
        this.english = english;
    }

    /** A rule read a column of the town's own that the KPI's sheet does not have. */
    public static MissingValue noColumn(KpiYear kpi, String heading) {
        return new MissingValue(kpi, heading, "列「" + heading + "」がありません: " + WHO + "がこの列を読みます", "the rules read"
                + " the column " + heading + ", and the sheet has no such column", "この方針のルール");
    }

    /** A rule read a column of the town's own as a number, and the KPI's cell holds none. */
    public static MissingValue notANumber(KpiYear kpi, String heading, String why) {
        return new MissingValue(kpi, heading, "列「" + heading + "」の値は数値ではありません: " + WHO
                + "がこの列を数値として読みます",
                why, "この方針のルール");
    }

    /** The same, naming the rule that asked ({@code ルール "補正前スコア"}). */
    public MissingValue inRule(String rule) {
        return new MissingValue(kpi, field, japanese, english, "ルール \"" + rule + "\" ");
    }

    /** The missing value a failure comes from, looking through the causes Drools wraps it in; null if none. */
    public static MissingValue in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MissingValue missing) {
                return missing;
            }
        }
        return null;
    }

    public KpiYear kpi() {
        return kpi;
    }

    public String field() {
        return field;
    }
}
