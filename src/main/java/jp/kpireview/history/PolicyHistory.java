package jp.kpireview.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Supplier;
import jp.kpireview.io.FileFailure;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The versions of a rule folder, each a commit of a git repository (JGit) kept beside the folder: who made it, when,
 * why, which files changed, and the policy versions ({@code rules@1a2b3c4d}) the reports of that version print, so a
 * published report leads back to the rules that made it. The repository is bare (the folder is not a git work tree:
 * the product's own rules/ sits inside the product's repository); {@code git --git-dir rules.history log} reads it.
 *
 * <p>A new version is taken in an order a kill cannot break: a journal naming the new commit is written, the branch
 * moved to it only if it still points where the caller saw it (a second publisher is told what changed instead), the
 * changed files written each whole, and the journal removed. On the next open a journal left behind finishes the
 * files of its commit, or is dropped when the branch never moved. Writers of one folder are serialized by a lock
 * file in the repository, across processes (the service and the command line). Reading the versions is
 * {@link Versions}'.
 */
public final class PolicyHistory implements AutoCloseable {

    static final int SHORT = 12;

    static {
        NoUserConfig.install();
    }

    private final Path folder;
    private final Path gitDir;
    private final Repository repository;
    private final WriterLock writers;
    private final Journal journal;
    private final Versions versions;

    private PolicyHistory(Path folder, Path gitDir, Repository repository) {
        this.folder = folder;
        this.gitDir = gitDir;
        this.repository = repository;
        this.writers = new WriterLock(gitDir);
        this.journal = new Journal(gitDir);
        this.versions = new Versions(repository, gitDir);
    }

    /** The history's repository for {@code folder} when none is named: {@code rules.history} beside it. */
    public static Path defaultDir(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".history");
    }

    /**
     * Opens the history of {@code folder} in {@code gitDir}, making it (the folder's files as the first version) when
     * there is none, and finishing a publish a kill interrupted.
     */
    public static PolicyHistory open(Path folder, Path gitDir, Supplier<List<String>> policies) {
        Path dir = gitDir.toAbsolutePath().normalize();
        Path rules = folder.toAbsolutePath().normalize();
        if (dir.startsWith(rules)) {
            throw new HistoryException(dir + ": 履歴はルールのフォルダの外に置きます (中に置くと、履歴がルールの一部に"
                    + "なります)");
        }
        try {
            boolean exists = Files.isRegularFile(dir.resolve("HEAD"));
            if (!exists && Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new HistoryException(dir + ": 履歴のフォルダにほかのファイルがあります: 履歴 (git の"
                                + "リポジトリ) か、空のフォルダを指定してください");
                    }
                }
            }
            Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
            if (!exists) {
                repository.create(true);
                repository.getConfig().setBoolean("core", null, "logAllRefUpdates", true);
                repository.getConfig().save();
                RefUpdate head = repository.getRefDatabase().newUpdate(Constants.HEAD, false);
                head.link(Versions.BRANCH);
            }
            PolicyHistory history = new PolicyHistory(rules, dir, repository);
            history.locked(() -> {
                history.recover();
                if (history.headId() == null) {
                    history.commit(null, FolderFiles.read(rules), new Change("kpi-review", "履歴を始めたときのルール",
                            Version.Kind.FIRST, policies.get(), ""));
                }
                return null;
            });
            return history;
        } catch (IOException e) {
            throw new HistoryException(dir + ": 履歴を開けません (" + e.getMessage() + ")", e);
        }
    }

    public Path folder() {
        return folder;
    }

    public Path gitDir() {
        return gitDir;
    }

    /** The latest version. */
    public Version head() {
        return versions.head();
    }

    /** The versions, newest first (the latest {@value Versions#MAX_VERSIONS}). */
    public List<Version> versions() {
        return versions.list();
    }

    /**
     * The version {@code name} names: its commit id or the start of it (4 digits or more), a policy version its
     * reports print ({@code rules@1a2b3c4d}: the latest version that made it), or one counted back from the latest
     * as git counts ({@code HEAD~1}: the version before it).
     */
    public Version version(String name) {
        return versions.named(name);
    }

    /** The files of a version, by path. */
    public SortedMap<String, byte[]> files(Version version) {
        return versions.files(version);
    }

    /** The files of the folder that differ from the latest version: edits on disk not recorded yet. */
    public List<String> unrecorded() {
        return FolderFiles.differences(files(head()), FolderFiles.read(folder));
    }

    /**
     * Records the folder as it is on disk as a new version when it differs from the latest (an edit made on the server,
     * the developers' route); returns the version it is then, new or not. Skipped while another process publishes.
     */
    public Version recordFolder(String author, String reason, Supplier<List<String>> policies) {
        return locked(() -> {
            Version head = head();
            SortedMap<String, byte[]> disk = FolderFiles.read(folder);
            if (FolderFiles.differences(files(head), disk).isEmpty()) {
                return head;
            }
            return commit(head.id(), disk, new Change(author, reason, Version.Kind.DISK, policies.get(), ""));
        });
    }

    /**
     * Takes {@code files} as the new version of the folder, made against {@code base} (the version the change was
     * made from): committed, then written into the folder. Refused when {@code base} is no longer the latest
     * ({@link Conflict}), or when the folder holds edits not in the history (they would be lost or mixed in).
     *
     * @param inFolder runs the writing of the folder: the service passes its rule holder's lock, so that no reload
     *                 sees the folder half changed
     */
    public Version publish(String base, SortedMap<String, byte[]> files, Change change,
            java.util.function.Consumer<Runnable> inFolder) {
        return locked(() -> {
            Version head = head();
            if (!head.id().equals(base)) {
                throw new Conflict(shortOf(base), versions.since(base));
            }
            List<String> unrecorded = unrecorded();
            if (!unrecorded.isEmpty()) {
                throw new HistoryException("ルールのフォルダに、履歴にない編集があります (" + String.join("、", unrecorded)
                        + ")。その編集が取り込まれるか、元に戻されてから公開してください");
            }
            ObjectId id = insert(ObjectId.fromString(head.id()), files, change);
            journal.write(id.name());
            move(ObjectId.fromString(head.id()), id, change);
            inFolder.accept(() -> FolderFiles.write(folder, files));
            journal.delete();
            return head();
        });
    }

    private static String shortOf(String id) {
        return id == null ? "(なし)" : id.substring(0, Math.min(SHORT, id.length()));
    }

    /** Commits {@code files} with the branch moved from {@code base} (null: the first version). */
    private Version commit(String base, SortedMap<String, byte[]> files, Change change) {
        ObjectId parent = base == null ? null : ObjectId.fromString(base);
        ObjectId id = insert(parent, files, change);
        move(parent, id, change);
        return head();
    }

    private ObjectId insert(ObjectId parent, SortedMap<String, byte[]> files, Change change) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(e.getKey());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, e.getValue()));
                builder.add(entry);
            }
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (parent != null) {
                commit.setParentId(parent);
            }
            PersonIdent who = new PersonIdent(change.author(), "", Instant.now(), ZoneId.systemDefault());
            commit.setAuthor(who);
            commit.setCommitter(new PersonIdent(change.publisher(), "", who.getWhenAsInstant(), who.getZoneId()));
            commit.setMessage(Message.of(change));
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.WRITE, gitDir, e);
        }
    }

    /** Moves the branch from {@code from} to {@code to}, only if no one moved it since. */
    private void move(ObjectId from, ObjectId to, Change change) {
        try {
            clearStaleRefLocks();
            RefUpdate update = repository.updateRef(Versions.BRANCH);
            update.setExpectedOldObjectId(from == null ? ObjectId.zeroId() : from);
            update.setNewObjectId(to);
            update.setRefLogIdent(new PersonIdent(change.author(), ""));
            update.setRefLogMessage(change.kind().name().toLowerCase(java.util.Locale.ROOT), false);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                journal.delete();
                ObjectId now = headId();
                if (java.util.Objects.equals(now, from)) {
                    throw new HistoryException(gitDir + ": 履歴を書けませんでした (" + result + ")");
                }
                throw new Conflict(shortOf(from == null ? null : from.name()), versions.since(from == null ? null
                        : from.name()));
            }
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.WRITE, gitDir, e);
        }
    }

    /**
     * Deletes the lock files git leaves beside a ref while it moves it ({@code refs/heads/main.lock}): one found while
     * this process holds the writers' lock was left by a writer killed in the middle of the move, and would refuse
     * every later move.
     */
    private void clearStaleRefLocks() throws IOException {
        for (Path lock : List.of(gitDir.resolve("refs/heads/main.lock"), gitDir.resolve("packed-refs.lock"),
                gitDir.resolve("HEAD.lock"))) {
            Files.deleteIfExists(lock);
        }
    }

    /** A publish a kill interrupted: finished when its commit was taken, dropped when it never was. */
    private void recover() {
        if (!journal.present()) {
            return;
        }
        ObjectId head = headId();
        if (head != null && head.name().equals(journal.commit())) {
            FolderFiles.write(folder, files(head()));
        }
        journal.delete();
    }

    /** True while a publish (of this process or another) is writing the folder. */
    public boolean publishing() {
        return journal.present();
    }

    private ObjectId headId() {
        return versions.headId();
    }

    /** Runs {@code action} holding the lock of the history's writers ({@link WriterLock}). */
    public <T> T locked(Supplier<T> action) {
        return writers.locked(action);
    }

    @Override
    public void close() {
        repository.close();
    }
}
