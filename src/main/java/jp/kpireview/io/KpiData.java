package jp.kpireview.io;

import java.io.BufferedReader;
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
        return read(file, null);
    }

    /** @param directions the direction symbols the rules accept, checked with each row's other cells; may be null */
    public static List<Kpi> read(Path file, java.util.Set<String> directions) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new DataException(new SourceLocation(file.toString(), 0), "file", "データのファイルがありません (探した場所: "
                    + Path.of("").toAbsolutePath() + ") (no such data file)");
        }
        long size = size(file);
        if (size > InputLimits.MAX_FILE_BYTES) {
            throw new DataException(new SourceLocation(file.toString(), 1), "file", String.format(
                    "ファイルが大きすぎます (%,d バイト、データは %,d MB まで): 自治体ごとに分けてください", size,
                    InputLimits.MAX_FILE_BYTES >> 20));
        }
        if (name.endsWith(".csv")) {
            return KpiCsv.read(file, directions);
        }
        if (name.endsWith(".xlsx")) {
            return KpiXlsx.read(file, directions);
        }
        throw new DataException(new SourceLocation(file.toString(), 1), "file",
                "KPI のデータのファイルではありません: .csv か .xlsx を渡します (not a KPI data file)");
    }

    private static long size(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw FileFailure.of(FileFailure.Act.READ, file, e);
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
                throw new DataException(new SourceLocation(fileOrFolder.toString(), 0), "file", "ファイルがありません");
            }
            return List.of(fileOrFolder);
        }
        try (Stream<Path> entries = Files.list(fileOrFolder)) {
            List<Path> files = entries.filter(KpiData::isDataFile).filter(KpiData::looksLikeKpiData).sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new DataException(new SourceLocation(fileOrFolder.toString(), 0), "folder",
                        "フォルダに KPI のデータのファイル (.csv、.xlsx) がありません (no data files in the folder)");
            }
            return files;
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.LIST, fileOrFolder, e);
        }
    }

    /**
     * The fiscal years a CSV's header has actual columns for (FY2015, H27実績値 …), read from its first record only;
     * empty for a workbook or a file that cannot be read (the run reads it properly and says what is wrong).
     */
    public static java.util.SortedSet<Integer> headerYears(Path file) {
        List<String> headings = csvHeadings(file);
        return headings == null ? new java.util.TreeSet<>() : DataColumns.actualYears(headings);
    }

    /**
     * The headings of a CSV, its first line split at its commas (parsed as CSV only when it quotes a heading: a
     * nationwide folder is scanned before the run, and a parser per file doubled a new JVM's scan); null for a
     * workbook or a file that cannot be read.
     */
    private static List<String> csvHeadings(Path file) {
        if (!file.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return null;
        }
        try (BufferedReader in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null) {
                return List.of();
            }
            line = line.replace("\uFEFF", "");
            if (line.indexOf('"') < 0) {
                return List.of(line.split(",", -1));
            }
            try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.DEFAULT.parse(
                    new java.io.StringReader(line))) {
                return parser.stream().findFirst().map(org.apache.commons.csv.CSVRecord::toList).orElse(List.of());
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    /**
     * The files of the folders in {@code filesOrFolders} that are CSV but not KPI data — the published-score files
     * beside the seed — which a run over the folder leaves out (and says so): the data files {@link #files} did not
     * keep, {@code kept}, so no header is read a second time.
     */
    public static List<Path> notKpiData(List<Path> filesOrFolders, List<Path> kept) {
        java.util.Set<Path> read = new java.util.HashSet<>(kept);
        List<Path> skipped = new ArrayList<>();
        for (Path f : filesOrFolders) {
            if (Files.isDirectory(f)) {
                try (Stream<Path> entries = Files.list(f)) {
                    entries.filter(KpiData::isDataFile).filter(p -> !read.contains(p)).sorted().forEach(skipped::add);
                } catch (IOException e) {
                    throw FileFailure.of(FileFailure.Act.LIST, f, e);
                }
            }
        }
        return skipped;
    }

    /**
     * A workbook, or a CSV whose header names the KPI's number and its baseline in any of their names (kpi_id or
     * KPI番号, baseline or 基準値 …).
     */
    public static boolean looksLikeKpiData(Path file) {
        List<String> headings = csvHeadings(file);
        // a workbook, or a file that cannot be read: reading it says why, located; the English names looked for
        // first, as the files a nationwide run scans are headed
        return headings == null || headings.contains("kpi_id") && headings.contains("baseline")
                || DataColumns.names(headings, "kpi_id") && DataColumns.names(headings, "baseline");
    }

    private static boolean isDataFile(Path path) {
        String name = path.getFileName().toString();
        return Files.isRegularFile(path) && !SystemFiles.isSystemFile(name)
                && (name.toLowerCase(Locale.ROOT).endsWith(".csv") || name.toLowerCase(Locale.ROOT).endsWith(".xlsx"));
    }
}
