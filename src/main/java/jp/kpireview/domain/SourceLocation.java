package jp.kpireview.domain;

/**
 * Where a value came from, so every error can name the place a person has to fix: {@code file:line}, or for a
 * workbook {@code file:sheet/line}.
 *
 * @param sheet the worksheet of a workbook; null for text files
 */
public record SourceLocation(String file, String sheet, int line) {

    public SourceLocation(String file, int line) {
        this(file, null, line);
    }

    /** The same place on another line. */
    public SourceLocation atLine(int otherLine) {
        return new SourceLocation(file, sheet, otherLine);
    }

    @Override
    public String toString() {
        // line 0 is the file as a whole (missing, unreadable): its name alone, not "file:0"
        if (line <= 0) {
            return sheet == null ? file : file + ":" + sheet;
        }
        return sheet == null ? file + ":" + line : file + ":" + sheet + "/" + line;
    }
}
