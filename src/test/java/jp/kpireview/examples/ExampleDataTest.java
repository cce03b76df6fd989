package jp.kpireview.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The comparison example's data is made from the seed by the command docs/example-policies.md shows (a copy and one sed), not
 * kept as a hand copy that drifts: the edit of that command, applied to the seed, gives the example's file byte for
 * byte. (DocsCommandsTest runs the command itself.)
 */
class ExampleDataTest {

    private static final Path EXAMPLE = Path.of("examples/policies/comparison/data/otaru-h30.csv");
    private static final Pattern SED = Pattern.compile("sed -i 's/(.*)/(.*)/' /tmp/comparison\\.csv");

    @Test
    void theComparisonExampleIsTheSeedWithTheDocumentedEdit() throws IOException {
        List<Matcher> edits = Files.readAllLines(Path.of("docs/example-policies.md")).stream().map(SED::matcher)
                .filter(Matcher::matches).toList();
        assertEquals(1, edits.size(), "docs/example-policies.md shows the one edit that makes the example's data");
        String seed = Files.readString(Path.of("seeds/otaru-h30.csv"));
        String made = Pattern.compile(edits.get(0).group(1), Pattern.MULTILINE).matcher(seed)
                .replaceFirst(Matcher.quoteReplacement(edits.get(0).group(2)));
        assertArrayEquals(Files.readAllBytes(EXAMPLE), made.getBytes(StandardCharsets.UTF_8),
                EXAMPLE + " is not the seed with the edit docs/example-policies.md shows");
    }
}
