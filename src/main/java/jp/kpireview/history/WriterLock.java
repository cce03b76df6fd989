package jp.kpireview.history;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import jp.kpireview.io.FileFailure;

/**
 * The lock the writers of one history take turns by: one lock per repository in this process (the service and a
 * command run in one JVM by the tests), then a lock file in the repository across processes (the service and
 * {@code kpi-review restore}). A file lock belongs to the process, so the process takes it once, by the thread that
 * holds the in-process lock first; the lock is re-entrant.
 */
final class WriterLock {

    private static final String FILE = "kpi-review.lock";
    private static final long WAIT_MILLIS = 30_000;
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantLock inProcess;
    private FileChannel channel;
    private FileLock lock;

    WriterLock(Path gitDir) {
        this.file = gitDir.resolve(FILE);
        this.inProcess = IN_PROCESS.computeIfAbsent(gitDir, d -> new ReentrantLock());
    }

    <T> T locked(Supplier<T> action) {
        inProcess.lock();
        try {
            if (inProcess.getHoldCount() == 1) {
                acquire();
            }
            try {
                return action.get();
            } finally {
                if (inProcess.getHoldCount() == 1) {
                    release();
                }
            }
        } finally {
            inProcess.unlock();
        }
    }

    private void acquire() {
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long until = System.nanoTime() + WAIT_MILLIS * 1_000_000;
            while ((lock = channel.tryLock()) == null) {
                if (System.nanoTime() > until) {
                    channel.close();
                    throw new HistoryException(file.getParent() + ": ほかの処理が履歴を書いています。しばらくしてから"
                            + "もう一度試してください");
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            closeQuietly();
            throw FileFailure.of(FileFailure.Act.LOCK, file, e);
        } catch (InterruptedException e) {
            closeQuietly();
            Thread.currentThread().interrupt();
            throw new HistoryException("履歴を待つ間に止められました", e);
        }
    }

    /** A channel opened but not locked is closed, not left open for the process's life. */
    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing held
        }
    }

    private void release() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
    }
}
