package jp.kpireview.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;

/**
 * An input path ({@code --rules rules}, {@code --data seeds/…}) as the user means it: relative to the working folder
 * when it is there, otherwise relative to the checkout {@code bin/kpi-review} runs from, so the bundled rules and
 * seed data are found from any folder. Output paths stay relative to the working folder.
 */
final class InputPath implements ITypeConverter<Path> {

    /** Set by bin/kpi-review: the checkout's root folder. */
    static final String HOME = "kpireview.home";

    @Override
    public Path convert(String value) {
        Path path = Path.of(value);
        String home = System.getProperty(HOME);
        if (path.isAbsolute() || Files.exists(path) || home == null) {
            return path;
        }
        Path inCheckout = Path.of(home).resolve(path);
        return Files.exists(inCheckout) ? inCheckout : path;
    }
}
