package jp.kpireview.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kpireview.io.FileFailure;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Reading a history's repository ({@link PolicyHistory} writes it): the latest version, the list of versions, one
 * version by the name a person gives it, and the files of a version. Reads take no lock: a commit, once written,
 * never changes, and the branch is moved in one step.
 */
final class Versions {

    /** The branch whose commits are the versions. */
    static final String BRANCH = Constants.R_HEADS + "main";
    /** The most versions listed or searched, newest first. */
    static final int MAX_VERSIONS = 500;
    /** {@code HEAD~1}: a version counted back from the latest, as git counts. */
    private static final Pattern COUNTED_BACK = Pattern.compile("HEAD~(\\d{1,3})");
    private static final Pattern ID_START = Pattern.compile("[0-9a-fA-F]{4,40}");

    private final Repository repository;
    private final Path gitDir;

    Versions(Repository repository, Path gitDir) {
        this.repository = repository;
        this.gitDir = gitDir;
    }

    /** The latest version's commit; null before the first. */
    ObjectId headId() {
        return read(() -> repository.resolve(BRANCH));
    }

    /** The latest version. */
    Version head() {
        return read(() -> {
            try (RevWalk walk = new RevWalk(repository)) {
                return version(walk, walk.parseCommit(headId()));
            }
        });
    }

    /** The versions, newest first (the latest {@value #MAX_VERSIONS}). */
    List<Version> list() {
        return read(() -> {
            List<Version> versions = new ArrayList<>();
            try (RevWalk walk = new RevWalk(repository)) {
                walk.markStart(walk.parseCommit(headId()));
                for (RevCommit c : walk) {
                    versions.add(version(walk, c));
                    if (versions.size() >= MAX_VERSIONS) {
                        break;
                    }
                }
            }
            return versions;
        });
    }

    /** See {@link PolicyHistory#version(String)}. */
    Version named(String name) {
        String n = name == null ? "" : name.strip();
        Matcher back = COUNTED_BACK.matcher(n);
        boolean byId = ID_START.matcher(n).matches();
        String id = n.toLowerCase(Locale.ROOT);
        // the commits are compared as they are walked; only a match is read whole (its files changed need a diff)
        List<Version> found = read(() -> {
            List<Version> matches = new ArrayList<>();
            try (RevWalk walk = new RevWalk(repository)) {
                walk.markStart(walk.parseCommit(headId()));
                int index = 0;
                for (RevCommit c : walk) {
                    if (index >= MAX_VERSIONS) {
                        break;
                    }
                    boolean match = n.contains("@") ? Message.parse(c.getFullMessage()).policies().contains(n)
                            : back.matches() ? index == Integer.parseInt(back.group(1))
                            : byId && c.name().startsWith(id);
                    index++;
                    if (match) {
                        matches.add(version(walk, c));
                        if (!byId) {
                            break;  // a policy version names the latest version that made it; HEAD~n names one
                        }
                    }
                }
            }
            return matches;
        });
        if (found.size() > 1) {
            throw new HistoryException("版 '" + n + "' に当たる版が " + found.size() + " つあります: もっと長く書いて"
                    + "ください");
        }
        if (found.isEmpty()) {
            throw new HistoryException("版 '" + n + "' は履歴にありません (kpi-review history で版の一覧を見られます)");
        }
        return found.get(0);
    }

    /** The files of a version, by path. */
    SortedMap<String, byte[]> files(Version version) {
        return read(() -> {
            SortedMap<String, byte[]> files = new TreeMap<>();
            try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(walk.parseCommit(ObjectId.fromString(version.id())).getTree());
                tree.setRecursive(true);
                ObjectReader reader = tree.getObjectReader();
                while (tree.next()) {
                    files.put(tree.getPathString(), reader.open(tree.getObjectId(0)).getBytes());
                }
            }
            return files;
        });
    }

    /** The versions after {@code base} up to the latest, newest first (all of them when base is not found). */
    List<Version> since(String base) {
        List<Version> since = new ArrayList<>();
        for (Version v : list()) {
            if (v.id().equals(base)) {
                break;
            }
            since.add(v);
        }
        return since;
    }

    /** A commit as a version: its message's kind, reason and policy versions, and the files it changed. */
    private Version version(RevWalk walk, RevCommit c) throws IOException {
        walk.parseBody(c);
        Message message = Message.parse(c.getFullMessage());
        List<String> changed = new ArrayList<>();
        try (TreeWalk tree = new TreeWalk(repository)) {
            if (c.getParentCount() > 0) {
                tree.addTree(walk.parseCommit(c.getParent(0)).getTree());
            }
            tree.addTree(c.getTree());
            tree.setRecursive(true);
            if (c.getParentCount() > 0) {
                tree.setFilter(TreeFilter.ANY_DIFF);
            }
            while (tree.next()) {
                changed.add(tree.getPathString());
            }
        } catch (MissingObjectException e) {
            throw new HistoryException(gitDir + ": 履歴が壊れています (" + e.getMessage() + ")", e);
        }
        PersonIdent author = c.getAuthorIdent();
        return new Version(c.name(), author.getWhenAsInstant(), author.getZoneId(), author.getName(),
                message.reason(), message.kind(), message.policies(), List.copyOf(changed), message.restoredFrom(),
                c.getCommitterIdent().getName());
    }

    @FunctionalInterface
    private interface Reading<T> {
        T get() throws IOException;
    }

    private <T> T read(Reading<T> reading) {
        try {
            return reading.get();
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.READ, gitDir, e);
        }
    }
}
