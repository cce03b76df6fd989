package jp.kpireview.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import jp.kpireview.io.AtomicFile;
import jp.kpireview.io.FileFailure;
import jp.kpireview.io.SystemFiles;

/**
 * The files of a rule folder that its history keeps: every file in it and its subfolders (rules, tables, templates,
 * scenarios, 共通.txt, notes), by their path inside the folder with {@code /} between folders, except what an editor
 * or this program leaves beside them while writing — hidden files ({@code .区分表.csv.….tmp}), Excel's lock files
 * ({@code ~$区分表.xlsx}), backups ({@code 区分表.csv~}).
 */
public final class FolderFiles {

    /** A rule folder is a few dozen small files: these bound a mistaken or hostile folder. */
    static final int MAX_FILES = 2_000;
    static final long MAX_BYTES = 64L << 20;

    private FolderFiles() {
    }

    /** The kept files of {@code folder} and their contents, by path. */
    static SortedMap<String, byte[]> read(Path folder) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        long bytes = 0;
        for (Path file : list(folder)) {
            if (files.size() >= MAX_FILES) {
                throw new HistoryException(folder + ": ルールのフォルダのファイルが多すぎます (" + MAX_FILES
                        + " まで)");
            }
            try {
                bytes += Files.size(file);
                if (bytes > MAX_BYTES) {
                    throw new HistoryException(folder + ": ルールのフォルダが大きすぎます (" + (MAX_BYTES >> 20)
                            + " MB まで)");
                }
                files.put(pathOf(folder, file), Files.readAllBytes(file));
            } catch (IOException e) {
                throw FileFailure.of(FileFailure.Act.READ, file, e);
            }
        }
        return files;
    }

    /**
     * Makes the kept files of {@code folder} those of {@code files}: each file that differs is written whole (a reader
     * sees it before or after, never half), each kept file not in {@code files} deleted, and folders left empty removed.
     */
    static void write(Path folder, Map<String, byte[]> files) {
        SortedMap<String, byte[]> now = read(folder);
        try {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                if (!Arrays.equals(now.get(e.getKey()), e.getValue())) {
                    try (AtomicFile file = AtomicFile.create(resolve(folder, e.getKey()))) {
                        file.stream().write(e.getValue());
                        file.commit();
                    }
                }
            }
            for (String path : now.keySet()) {
                if (!files.containsKey(path)) {
                    Path file = resolve(folder, path);
                    Files.delete(file);
                    removeEmptyParents(folder, file.getParent());
                }
            }
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.WRITE, folder, e);
        }
    }

    /** The paths whose contents differ between two sets of a folder's files (added, changed or deleted). */
    public static java.util.List<String> differences(SortedMap<String, byte[]> a, SortedMap<String, byte[]> b) {
        java.util.SortedSet<String> paths = new java.util.TreeSet<>(a.keySet());
        paths.addAll(b.keySet());
        return paths.stream().filter(p -> !Arrays.equals(a.get(p), b.get(p))).toList();
    }

    /** A path of the history inside {@code folder}; one that would lead out of it is refused. */
    static Path resolve(Path folder, String path) {
        Path file = folder.resolve(path).normalize();
        if (!file.startsWith(folder.normalize()) || path.isEmpty() || Arrays.stream(path.split("/")).anyMatch(
                FolderFiles::skipped)) {
            throw new HistoryException("'" + path + "' はルールのフォルダのファイルの名前として使えません");
        }
        return file;
    }

    private static java.util.List<Path> list(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !p.equals(folder) && Files.isRegularFile(p)
                    && Arrays.stream(pathOf(folder, p).split("/")).noneMatch(FolderFiles::skipped)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw FileFailure.of(FileFailure.Act.LIST, folder,
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    private static String pathOf(Path folder, Path file) {
        return folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    /** A name the history does not keep: hidden, an Excel lock file, a backup or a temporary file. */
    private static boolean skipped(String name) {
        return SystemFiles.isSystemFile(name) || name.endsWith("~") || name.endsWith(".tmp");
    }

    private static void removeEmptyParents(Path folder, Path dir) throws IOException {
        while (dir != null && !dir.equals(folder) && dir.startsWith(folder)) {
            try (Stream<Path> left = Files.list(dir)) {
                if (left.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(dir);
            dir = dir.getParent();
        }
    }
}
