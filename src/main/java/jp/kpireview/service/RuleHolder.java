package jp.kpireview.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.engine.RuleBase;
import jp.kpireview.validate.RuleCheck;

/**
 * The rules the service answers with. It watches the rule folder; on a change it checks and builds the new rules off
 * to the side and swaps them in only when they are clean. Broken rules are kept as a rejected attempt for the page
 * and the API while the last good ones go on answering. A request takes the current rules once, so a swap never
 * changes the rules under a request in flight.
 */
public final class RuleHolder implements AutoCloseable {

    /** A rule set in service. */
    public record Loaded(ReviewEngine engine, RuleBase rules, String hash, Instant loadedAt, RuleCheck.Report check) {
    }

    /** A rule folder that was not taken, with why. */
    public record Rejected(String hash, Instant at, RuleCheck.Report check) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RuleHolder.class);

    /** Changes within this time are one edit. */
    private static final long SETTLE_MILLIS = 300;

    private final Path folder;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final AtomicReference<Rejected> rejected = new AtomicReference<>();
    private final WatchService watcher;
    private final Thread watching;
    private volatile boolean closed;

    private RuleHolder(Path folder, Loaded first) throws IOException {
        this.folder = folder;
        current.set(first);
        watcher = FileSystems.getDefault().newWatchService();
        folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        watching = new Thread(this::watch, "rule-watch");
        watching.setDaemon(true);
    }

    /** Loads the folder; a folder with errors stops the service from starting (the errors say where). */
    public static RuleHolder start(Path folder) throws IOException {
        RuleCheck.Report check = RuleCheck.check(folder, true);
        if (check.hasErrors()) {
            throw check.errors();
        }
        RuleHolder holder = new RuleHolder(folder, loaded(check, hash(folder)));
        holder.watching.start();
        return holder;
    }

    public Loaded current() {
        return current.get();
    }

    /** The last rule folder that was not taken; null when the current rules are the latest. */
    public Rejected rejected() {
        return rejected.get();
    }

    public Path folder() {
        return folder;
    }

    /** Checks the folder as it is now and swaps it in when clean. */
    public synchronized void reload() {
        String hash = hash(folder);
        if (hash.equals(current.get().hash())) {
            rejected.set(null);
            return;
        }
        RuleCheck.Report check = RuleCheck.check(folder, true);
        if (check.hasErrors()) {
            rejected.set(new Rejected(hash, Instant.now(), check));
        } else {
            current.set(loaded(check, hash));
            rejected.set(null);
        }
    }

    private static Loaded loaded(RuleCheck.Report check, String hash) {
        return new Loaded(new ReviewEngine(check.rules()), check.rules(), hash, Instant.now(), check);
    }

    private void watch() {
        while (true) {
            try {
                var key = watcher.take();
                Thread.sleep(SETTLE_MILLIS);  // let the edit settle: an editor writes a file in several steps
                key.pollEvents();
                key.reset();
                reload();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {  // the watcher must outlive any failure of a check, even an Error
                if (closed) {
                    return;  // a check interrupted by the service stopping
                }
                LOG.error("rule reload failed", e);
                rejected.set(new Rejected(hash(folder), Instant.now(), new RuleCheck.Report(null, List.of(),
                        List.of(new RuleCheck.Finding(RuleCheck.Level.ERROR, folder.toString(), 0,
                                String.valueOf(e.getMessage()))))));
            }
        }
    }

    /** The rule set version: a digest of the names and contents of the .drl files. */
    static String hash(Path folder) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (var files = Files.list(folder)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                    digest.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    digest.update(Files.readAllBytes(f));
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable";
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
