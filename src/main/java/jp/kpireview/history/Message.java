package jp.kpireview.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A version's commit message: the reason as the officer wrote it, then git trailers for what programs read back —
 * how the version came about, the policy versions its reports print, and the version a restore brought back:
 * <pre>
 * ◎ の下限を 90 に (令和6年度 第3回 決裁)
 *
 * Kpi-Review-Kind: published
 * Policy-Version: rules@1a2b3c4d
 * </pre>
 */
record Message(String reason, Version.Kind kind, List<String> policies, String restoredFrom) {

    private static final String KIND = "Kpi-Review-Kind: ";
    private static final String POLICY = "Policy-Version: ";
    private static final String RESTORED = "Restored-From: ";

    static String of(Change change) {
        StringBuilder text = new StringBuilder(change.reason()).append("\n\n");
        text.append(KIND).append(change.kind().name().toLowerCase(Locale.ROOT)).append('\n');
        change.policies().forEach(p -> text.append(POLICY).append(p).append('\n'));
        if (!change.restoredFrom().isEmpty()) {
            text.append(RESTORED).append(change.restoredFrom()).append('\n');
        }
        return text.toString();
    }

    /** Reads a message written by {@link #of}; one written otherwise (by git itself) is a file edit with its text. */
    static Message parse(String message) {
        String text = message.strip();
        int split = text.lastIndexOf("\n\n");
        String trailers = split < 0 ? "" : text.substring(split + 2);
        if (!trailers.startsWith(KIND)) {
            return new Message(text, Version.Kind.DISK, List.of(), "");
        }
        Version.Kind kind = Version.Kind.DISK;
        List<String> policies = new ArrayList<>();
        String restored = "";
        for (String line : trailers.lines().toList()) {
            if (line.startsWith(KIND)) {
                kind = kindOf(line.substring(KIND.length()).strip());
            } else if (line.startsWith(POLICY)) {
                policies.add(line.substring(POLICY.length()).strip());
            } else if (line.startsWith(RESTORED)) {
                restored = line.substring(RESTORED.length()).strip();
            }
        }
        return new Message(text.substring(0, split).strip(), kind, List.copyOf(policies), restored);
    }

    private static Version.Kind kindOf(String name) {
        for (Version.Kind k : Version.Kind.values()) {
            if (k.name().equalsIgnoreCase(name)) {
                return k;
            }
        }
        return Version.Kind.DISK;
    }
}
