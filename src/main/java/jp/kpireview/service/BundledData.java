package jp.kpireview.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jp.kpireview.io.Folders;

/**
 * The KPI data files the service offers ({@code --data DIR}) and the uploads it is sent. A bundled file is a regular
 * file directly in the folder — never a link that leads out of it — named exactly; an upload is saved to a temporary
 * folder of its own, deleted once the request is done.
 */
final class BundledData {

    private static final String UPLOADS = "kpi-review-upload-";
    /** The temporary folder of a request's report, written there before it is sent. */
    static final String OUTPUTS = "kpi-review-out-";
    /** The temporary folders of the service's requests. */
    private static final List<String> TEMPORARY = List.of(UPLOADS, OUTPUTS);
    /** Older than any request can be (a 30 s evaluation, a body at the minimum rate): left by a killed run. */
    private static final java.time.Duration LEFTOVER = java.time.Duration.ofHours(1);

    private final Path folder;

    BundledData(Path folder) {
        this.folder = folder;
    }

    /** The names of the bundled KPI data files. */
    List<String> names() {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> f.toString().endsWith(".csv") || f.toString().endsWith(".xlsx"))
                    .filter(jp.kpireview.io.KpiData::looksLikeKpiData).map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled file of that exact name; null when there is none. */
    Path resolve(String name) {
        return names().contains(name) ? folder.resolve(name) : null;
    }

    /** A new temporary folder for one upload, deleted once its request is done. */
    Path uploadFolder() throws IOException {
        return Files.createTempDirectory(UPLOADS);
    }

    /**
     * Deletes the temporary folders a killed service left behind (an hour old or more, so another service's
     * requests in progress are left alone); returns how many.
     */
    static int deleteLeftovers() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = System.currentTimeMillis() - LEFTOVER.toMillis();
        int deleted = 0;
        try (Stream<Path> entries = Files.list(tmp)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (TEMPORARY.stream().anyMatch(name::startsWith) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toMillis() < before) {
                    Folders.deleteTree(entry);
                    deleted++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a temporary folder that cannot be listed holds nothing of ours to clean
        }
        return deleted;
    }

    boolean isTemporary(Path sheet) {
        return sheet.getParent() != null && sheet.getParent().getFileName().toString().startsWith(UPLOADS);
    }
}
