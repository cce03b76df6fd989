package jp.kpireview.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The KPI data files the service offers ({@code --data DIR}) and the uploads it is sent. A bundled file is a regular
 * file directly in the folder — never a link that leads out of it — named exactly; an upload is saved to a temporary
 * folder of its own, deleted once the request is done.
 */
final class BundledData {

    private static final String UPLOADS = "kpi-review-upload-";

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

    Path saveUpload(String name, byte[] body) throws IOException {
        Path file = Files.createTempDirectory(UPLOADS).resolve(name);
        Files.write(file, body);
        return file;
    }

    boolean isTemporary(Path sheet) {
        return sheet.getParent() != null && sheet.getParent().getFileName().toString().startsWith(UPLOADS);
    }
}
