package jp.kpireview.history;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * One version of the folder.
 *
 * @param id           the commit (40 hex digits); {@link #shortId()} is what people type
 * @param policies     the policy versions its reports print, one per period ({@code FY2020 第2期@1a2b3c4d})
 * @param changed      the files changed from the version before (all of them for the first)
 * @param restoredFrom the version a restore brought back; empty otherwise
 * @param publisher    who took it into service (git's committer): the publisher of a proposal, else the author
 */
public record Version(String id, Instant at, ZoneId zone, String author, String reason, Kind kind,
        List<String> policies, List<String> changed, String restoredFrom, String publisher) {

    public String shortId() {
        return id.substring(0, PolicyHistory.SHORT);
    }

    /** How a version came about. */
    public enum Kind {
        FIRST("最初の版"), DISK("ファイルの編集"), PUBLISHED("公開"), RESTORED("復元");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The word the page and the command line show. */
        public String label() {
            return label;
        }
    }
}
