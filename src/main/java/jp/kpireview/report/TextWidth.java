package jp.kpireview.report;

/** Pads text for a terminal, where kanji and kana take two columns. */
final class TextWidth {

    private TextWidth() {
    }

    static String left(String text, int width) {
        return text + " ".repeat(Math.max(0, width - width(text)));
    }

    static String right(String text, int width) {
        return " ".repeat(Math.max(0, width - width(text))) + text;
    }

    /** One table row: each cell padded to its width, negative = left-aligned, 0 = as it is. */
    static String row(int[] widths, String... cells) {
        StringBuilder line = new StringBuilder(" ");
        for (int i = 0; i < cells.length; i++) {
            int width = widths[i];
            line.append(' ').append(width < 0 ? left(cells[i], -width) : right(cells[i], width));
        }
        return line.toString().stripTrailing();
    }

    static int width(String text) {
        return text.codePoints().map(c -> wide(c) ? 2 : 1).sum();
    }

    /** East Asian wide and fullwidth characters (kanji, kana, fullwidth forms, CJK punctuation). */
    private static boolean wide(int c) {
        return c >= 0x1100 && c <= 0x115F || c >= 0x2E80 && c <= 0xA4CF || c >= 0xAC00 && c <= 0xD7A3
                || c >= 0xF900 && c <= 0xFAFF || c >= 0xFE30 && c <= 0xFE4F || c >= 0xFF00 && c <= 0xFF60
                || c >= 0xFFE0 && c <= 0xFFE6 || c >= 0x20000 && c <= 0x3FFFD;
    }
}
