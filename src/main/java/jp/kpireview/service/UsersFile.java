package jp.kpireview.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import jp.kpireview.domain.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users file as the service holds it: read again when it changes on disk, so that a person added with
 * {@code kpi-review user} can sign in and a person removed from the file is refused from the next second on, with no
 * restart. A file that no longer reads (a hand edit half done, a row with a mistake) refuses everyone until it reads
 * again, and the log says why: the service never goes on admitting a person the file no longer names.
 */
public final class UsersFile {

    private static final Logger LOG = LoggerFactory.getLogger(UsersFile.class);
    /** How often the file is looked at: a look is one file-system call, made by the request that finds it due. */
    static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How a change of the file is told: its identity (a new file when written whole), time and size. */
    private record Stamp(Object fileKey, FileTime modified, long size) {

        /** A file that cannot be looked at: missing, or not readable. */
        static final Stamp NONE = new Stamp(null, null, -1);

        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
            } catch (IOException e) {
                return NONE;
            }
        }
    }

    /** The people the file held when it was last read (none when it did not read), and its stamp then. */
    private record Read(Users users, Stamp stamp) {
    }

    private final Path file;
    private final long checkNanos;
    private volatile Read read;
    private volatile long checkedAt;

    private UsersFile(Path file, long checkNanos, Read read) {
        this.file = file;
        this.checkNanos = checkNanos;
        this.read = read;
        this.checkedAt = System.nanoTime();
    }

    /** Reads the file now; a file that does not read is refused here, with every mistake at its row. */
    public static UsersFile open(Path file) {
        return open(file, CHECK_NANOS);
    }

    /** @param checkNanos how long a read is trusted before the file is looked at again (tests: 0) */
    static UsersFile open(Path file, long checkNanos) {
        Stamp stamp = Stamp.of(file);
        return new UsersFile(file, checkNanos, new Read(Users.read(file), stamp));
    }

    /** The people the file names now. */
    Users current() {
        if (System.nanoTime() - checkedAt >= checkNanos) {
            refresh();
        }
        return read.users();
    }

    private synchronized void refresh() {
        long now = System.nanoTime();
        if (now - checkedAt < checkNanos) {
            return;  // another request looked while this one waited
        }
        checkedAt = now;
        Stamp stamp = Stamp.of(file);
        if (stamp.equals(read.stamp())) {
            return;
        }
        try {
            read = new Read(Users.read(file), stamp);
            LOG.info("利用者の表を読み直しました: {} (the users file changed and was read again)", file);
        } catch (DataException e) {
            read = new Read(Users.NONE, stamp);
            LOG.error("利用者の表が読めないので、読めるようになるまで誰も入れません: {} (the users file does not read: every"
                    + " request is refused until it does)", String.join("; ", e.problems().stream()
                    .map(Object::toString).toList()));
        }
    }
}
