package jp.kpireview.history;

import java.util.List;

/**
 * What a new version says of itself besides its files.
 *
 * @param author    who made the change (the officer who proposed it)
 * @param publisher who took it into service (git's committer)
 */
public record Change(String author, String reason, Version.Kind kind, List<String> policies, String restoredFrom,
        String publisher) {

    public Change {
        if (author == null || author.isBlank() || publisher == null || publisher.isBlank()) {
            throw new HistoryException("変更した人の名前がありません");
        }
        publisher = publisher.strip();
        if (reason == null || reason.isBlank()) {
            throw new HistoryException("変更の理由がありません: 理由を書いてください");
        }
        author = author.strip();
        reason = reason.strip();
        policies = List.copyOf(policies);
        restoredFrom = restoredFrom == null ? "" : restoredFrom;
    }

    /** A change its author took into service themselves. */
    public Change(String author, String reason, Version.Kind kind, List<String> policies, String restoredFrom) {
        this(author, reason, kind, policies, restoredFrom, author);
    }
}
