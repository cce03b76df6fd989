package jp.kpireview.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pictures of the docs (docs/*.png), taken by the browser tests that check what they show, so a picture is of
 * the product as it is: each is written to target/screenshots, and into the docs' folder too when the run is asked
 * to ({@code bin/test -Psystem -Dtest=ReportLayoutChromiumTest,ServicePageChromiumTest -DdocsPictures=docs}, as
 * docs/development.md says), which a picture's change is then committed from.
 */
public final class DocsPictures {

    private static final Path SHOTS = Path.of("target", "screenshots");

    private DocsPictures() {
    }

    /** Keeps {@code png} as {@code name}: in target/screenshots, and in the docs' folder when asked. */
    public static void save(String name, byte[] png) throws IOException {
        keep(name, png);
        String docs = System.getProperty("kpireview.docsPictures", "");
        if (!docs.isBlank()) {
            Files.write(Path.of(docs).resolve(name), png);
        }
    }

    /** Keeps what a browser test made ({@code name}) in target/screenshots only, to look at: returns where. */
    public static Path keep(String name, byte[] bytes) throws IOException {
        return Files.write(Files.createDirectories(SHOTS).resolve(name), bytes);
    }
}
