package jp.kpireview.history;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A process that publishes two versions of a rule folder by turns, for ever, until it is killed: each version changes
 * two files (区分表.csv and 許容幅.csv), so a folder left half written would show one file of each.
 * {@code java … PublishLoop RULES HISTORY}; prints "ready" once its first publish is done.
 */
public final class PublishLoop {

    private PublishLoop() {
    }

    public static void main(String[] args) {
        Path rules = Path.of(args[0]);
        try (PolicyHistory history = PolicyHistory.open(rules, Path.of(args[1]), List::of)) {
            for (long i = 0; ; i++) {
                SortedMap<String, byte[]> files = new TreeMap<>(history.files(history.head()));
                files.putAll(version(files, i % 2 == 0));
                history.publish(history.head().id(), files, new Change("loop", "turn " + i,
                        Version.Kind.PUBLISHED, List.of(), ""), Runnable::run);
                if (i == 0) {
                    System.out.println("ready");
                    System.out.flush();
                }
            }
        }
    }

    /** The two files of version A (◎ from 90, 許容幅 7) or B (◎ from 100, 許容幅 5). */
    static SortedMap<String, byte[]> version(SortedMap<String, byte[]> files, boolean a) {
        SortedMap<String, byte[]> changed = new TreeMap<>();
        String bands = new String(files.get("区分表.csv"), StandardCharsets.UTF_8);
        changed.put("区分表.csv", bands.replaceFirst("◎,\\d+,", a ? "◎,90," : "◎,100,")
                .getBytes(StandardCharsets.UTF_8));
        changed.put("許容幅.csv", ("\uFEFFプロジェクト,単位,許容幅 (%)\n,," + (a ? 7 : 5) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return changed;
    }
}
