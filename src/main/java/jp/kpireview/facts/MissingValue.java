package jp.kpireview.facts;

/**
 * A rule asked for a value the KPI's data does not have (a baseline a town does not publish): a data error naming
 * the KPI and the field, never a crash. Thrown by the fact's accessor; the engine reports it located.
 */
public final class MissingValue extends RuntimeException {

    private final transient KpiYear kpi;
    private final String field;
    private final String japanese;

    public MissingValue(KpiYear kpi, String field, String japanese) {
        this(kpi, field, japanese, "この方針のルール");
    }

    private MissingValue(KpiYear kpi, String field, String japanese, String who) {
        super(japanese + "がありません: " + who + "が" + japanese + "を使います (the rules need a " + field
                + ", and the data has none for this KPI)", null, false, false);
        this.kpi = kpi;
        this.field = field;
        this.japanese = japanese;
    }

    /** The same, naming the rule that asked ({@code ルール "Raw score"}). */
    public MissingValue inRule(String rule) {
        return new MissingValue(kpi, field, japanese, "ルール \"" + rule + "\" ");
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
