package jp.kpireview.service;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rule folder watched for edits: the folder, each period folder in it and the folders they share rules from. On
 * every change the watch service reports (once the edit has settled), and every few seconds in any case, it runs the
 * reload it was given; a failure of a reload is handed on and the watching goes on.
 */
final class FolderWatch implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FolderWatch.class);

    /** Changes within this time are one edit. */
    private static final long SETTLE_MILLIS = 300;
    /** How often the folder is compared with the rules in service when no change was reported. */
    private static final long POLL_SECONDS = 2;

    private final Path folder;
    private final Runnable reload;
    private final Consumer<Throwable> failed;
    private final WatchService watcher;
    private final Thread watching;
    private volatile boolean closed;

    FolderWatch(Path folder, Runnable reload, Consumer<Throwable> failed) throws IOException {
        this.folder = folder;
        this.reload = reload;
        this.failed = failed;
        watcher = FileSystems.getDefault().newWatchService();
        rewatch();
        watching = new Thread(this::watch, "rule-watch");
        watching.setDaemon(true);
    }

    void start() {
        watching.start();
    }

    /** The folder and each period folder in it (a period added later is watched from its first reload). */
    void rewatch() {
        try {
            register(folder);
            try (var entries = Files.list(folder)) {
                for (Path p : entries.filter(Files::isDirectory).toList()) {
                    register(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot watch {}: {}", folder, e.getMessage());
        }
    }

    private void register(Path dir) throws IOException {
        // a policy that shares rules changes when a shared folder does: those are watched too
        for (Path shared : sharedFolders(dir)) {
            shared.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    /** The folders {@code dir} shares rules from (none when it shares none or its 共通.txt is broken). */
    private static List<Path> sharedFolders(Path dir) {
        try {
            return jp.kpireview.rulebase.RuleFiles.folders(dir).stream()
                    .filter(p -> !p.equals(dir.toAbsolutePath().normalize())).toList();
        } catch (RuntimeException e) {
            return List.of();  // the reload reports what is wrong with the folder
        }
    }

    /**
     * Reloads on every change the watch service reports, and every few seconds in any case: a folder replaced whole
     * ({@code mv rules rules.old; cp -r new rules}) is a new directory the old watch no longer sees, and a reload
     * that finds nothing changed costs a few file hashes.
     */
    private void watch() {
        while (true) {
            try {
                var key = watcher.poll(POLL_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
                if (key != null) {
                    Thread.sleep(SETTLE_MILLIS);  // let the edit settle: an editor writes a file in several steps
                    key.pollEvents();
                    key.reset();
                }
                if (Files.isDirectory(folder)) {
                    reload.run();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {  // the watcher must outlive any failure of a check, even an Error
                if (closed) {
                    return;  // a check interrupted by the service stopping
                }
                failed.accept(e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            watcher.close();
        } catch (IOException ignored) {
            // the service is stopping
        }
        watching.interrupt();
    }
}
