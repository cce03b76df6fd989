package jp.kpireview.domain;

/** The words explain uses for a rule written without its own ({@code @explain}): what it made, by kind of fact. */
public final class FiredWords {

    /** {@code @explain のないルール。作った事実: Tolerance}. */
    public static final String INSERTED = "@explain のないルール。作った事実: ";

    private FiredWords() {
    }
}
