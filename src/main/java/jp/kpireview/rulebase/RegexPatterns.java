package jp.kpireview.rulebase;

/**
 * The patterns a rule may match text with ({@code note matches "^対象外"}, {@code replaceFirst}): written in the
 * rule as text, and of a shape whose matching time grows with the text, never exponentially. Java's regular
 * expressions backtrack: a group that repeats something that itself repeats, {@code (a+)+$}, takes seconds on thirty
 * characters and years on a note of a hundred; a back-reference ({@code \1}) likewise. Both are refused; every other
 * pattern matches a cell of the bounded length a sheet allows in a bounded time.
 */
final class RegexPatterns {

    private RegexPatterns() {
    }

    /** Why {@code pattern} may not be used; null when it may. */
    static String refusal(String pattern) {
        // for each open group: whether something inside it repeats
        java.util.ArrayDeque<boolean[]> groups = new java.util.ArrayDeque<>();
        int closedAt = -2;  // where the last group closed, and whether something inside it repeats
        boolean closedRepeats = false;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : ' ';
                if (!inClass && (next >= '1' && next <= '9' || next == 'k')) {
                    return "後方参照 (\\" + next + ") は使えません";
                }
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                groups.push(new boolean[1]);
            } else if (c == ')' && !groups.isEmpty()) {
                closedRepeats = groups.pop()[0];
                closedAt = i;
                if (closedRepeats && !groups.isEmpty()) {
                    groups.peek()[0] = true;
                }
            } else if (c == '*' || c == '+' || c == '{') {
                if (closedAt == i - 1 && closedRepeats) {
                    return "くり返しを含むかっこをくり返す書き方 (例: (a+)+) は使えません: 長い文字で終わらなくなります";
                }
                if (!groups.isEmpty()) {
                    groups.peek()[0] = true;
                }
            }
        }
        return null;
    }
}
