package jp.kpireview.io;

/**
 * The bounds on input, in one place for the command line and the service: hostile or broken input gets a located
 * error within these limits instead of a computation, a heap or an error report as large as itself.
 */
public final class InputLimits {

    /** Digits of a number (before and after the point together): far more than any KPI value needs. */
    public static final int MAX_NUMBER_DIGITS = 30;
    /** A number in exponent notation (a workbook cell such as 1E99999999) may move the point this far at most. */
    public static final int MAX_EXPONENT = 30;
    /** Characters in one cell. */
    public static final int MAX_CELL_CHARS = 2_000;
    /** Size of one data file. */
    public static final long MAX_FILE_BYTES = 64L << 20;
    /** What a workbook may expand to (all its parts together), and how many parts it may have. */
    public static final long MAX_WORKBOOK_EXPANDED_BYTES = 64L << 20;
    public static final int MAX_WORKBOOK_ENTRIES = 1_000;

    private InputLimits() {
    }

    /** The digits in {@code text}. */
    static int digits(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                digits++;
            }
        }
        return digits;
    }

    /** At most 40 characters of {@code text}, for a message. */
    static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "…";
    }
}
