package jp.kpireview.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.Map;

/**
 * A file or folder that cannot be read or written, said for the officer who runs the review: the place, what could
 * not be done and why in Japanese, then the same in English with the system's own reason for whoever looks further
 * ({@code out/results.csv に書けません: ディスクに空きがありません (cannot write out/results.csv: No space left on
 * device)}). Every read and write of the reports, the data, the rules and their history fails through here, so a
 * disk that is full or a folder that is a file reads the same wherever it happens.
 */
public final class FileFailure {

    /** What could not be done to the file or folder. */
    public enum Act {
        READ(" を読めません", "cannot read"),
        WRITE(" に書けません", "cannot write"),
        CREATE(" を作れません", "cannot create"),
        LIST(" の中を見られません", "cannot list"),
        DELETE(" を消せません", "cannot delete"),
        LOCK(" をロックできません", "cannot lock");

        private final String japanese;
        private final String english;

        Act(String japanese, String english) {
            this.japanese = japanese;
            this.english = english;
        }
    }

    /** The system's reasons (as Linux and macOS word them) that a person can act on, in Japanese. */
    private static final Map<String, String> REASONS = Map.of(
            "no such file or directory", "ファイルかフォルダがありません",
            "not a directory", "途中にフォルダでないファイルがあります",
            "is a directory", "ファイルでなくフォルダです",
            "permission denied", "権限がありません",
            "no space left on device", "ディスクに空きがありません",
            "disk quota exceeded", "ディスクの割り当てを使い切りました",
            "read-only file system", "読み取り専用のディスクです",
            "file name too long", "名前が長すぎます",
            "too many open files", "開いているファイルが多すぎます");

    private FileFailure() {
    }

    /** The failure to throw: {@code what} names the file or folder (a path, or words and a path). */
    public static UncheckedIOException of(Act act, Object what, IOException cause) {
        return new UncheckedIOException(message(act, what, cause), cause);
    }

    static String message(Act act, Object what, IOException cause) {
        // the place that failed, when it is not the file itself (a folder on the way that is a file)
        String where = cause instanceof FileSystemException fs && fs.getFile() != null
                && !fs.getFile().equals(String.valueOf(what)) ? ": " + fs.getFile() : "";
        return what + act.japanese + ": " + japanese(cause) + where + " (" + act.english + " " + what + ": "
                + reason(cause) + where + ")";
    }

    /** The reason in Japanese: by the kind of failure, else by the system's words, else that it failed. */
    private static String japanese(IOException cause) {
        String known = switch (cause) {
            case NoSuchFileException missing -> REASONS.get("no such file or directory");
            case AccessDeniedException denied -> REASONS.get("permission denied");
            case NotDirectoryException notFolder -> "フォルダではありません";
            case FileAlreadyExistsException exists -> "同じ名前のものがすでにあります";
            case DirectoryNotEmptyException notEmpty -> "フォルダが空ではありません";
            default -> REASONS.get(reason(cause).toLowerCase(Locale.ROOT));
        };
        return known != null ? known : "入出力に失敗しました";
    }

    /** The system's reason alone: a {@link FileSystemException}'s message repeats the path, its reason does not. */
    private static String reason(IOException cause) {
        String reason = cause instanceof FileSystemException fs ? fs.getReason() : cause.getMessage();
        return reason != null ? reason : cause.getClass().getSimpleName();
    }
}
