package jp.kpireview.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;

/** KPI data files: which files a run reads, and reading one whatever its format. */
public final class KpiData {

    private KpiData() {
    }

    /** Reads a data file: canonical CSV or an Excel workbook with the same columns. */
    public static List<Kpi> read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new DataException(new SourceLocation(file.toString(), 0), "file", "no such data file (looked in "
                    + Path.of("").toAbsolutePath() + ")");
        }
        long size = size(file);
        if (size > InputLimits.MAX_FILE_BYTES) {
            throw new DataException(new SourceLocation(file.toString(), 1), "file", String.format(
                    "the file has %,d bytes; a data file may have at most %,d MB (split it by municipality)", size,
                    InputLimits.MAX_FILE_BYTES >> 20));
        }
        if (name.endsWith(".csv")) {
            return KpiCsv.read(file);
        }
        if (name.endsWith(".xlsx")) {
            return KpiXlsx.read(file);
        }
        throw new DataException(new SourceLocation(file.toString(), 1), "file",
                "not a KPI data file (expected .csv or .xlsx)");
    }

    private static long size(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The data files of several files and folders, in the order given. */
    public static List<Path> files(List<Path> filesOrFolders) {
        List<Path> files = new ArrayList<>();
        filesOrFolders.forEach(f -> files.addAll(files(f)));
        return files;
    }

    /** A file as it is, or the data files of a folder (not recursive), sorted by name. */
    public static List<Path> files(Path fileOrFolder) {
        if (!Files.isDirectory(fileOrFolder)) {
            if (!Files.isRegularFile(fileOrFolder)) {
                throw new DataException(new SourceLocation(fileOrFolder.toString(), 0), "file", "no such file");
            }
            return List.of(fileOrFolder);
        }
        try (Stream<Path> entries = Files.list(fileOrFolder)) {
            List<Path> files = entries.filter(KpiData::isDataFile).sorted().toList();
            if (files.isEmpty()) {
                throw new DataException(new SourceLocation(fileOrFolder.toString(), 0), "folder",
                        "no .csv or .xlsx data files in the folder");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + fileOrFolder + ": " + e.getMessage(), e);
        }
    }

    private static boolean isDataFile(Path path) {
        String name = path.getFileName().toString();
        return Files.isRegularFile(path) && !name.startsWith(".") && !name.startsWith("~$")
                && (name.toLowerCase(Locale.ROOT).endsWith(".csv") || name.toLowerCase(Locale.ROOT).endsWith(".xlsx"));
    }
}
