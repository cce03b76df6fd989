package jp.kpireview.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages keep their layers (docs/development.md): the domain and the facts the rules are written in use no
 * other part of kpi-review but each other and the readers; building the rules knows nothing of evaluating them;
 * evaluating knows nothing of the checks, the history, the service or the command line. Read from the imports and
 * the fully qualified names of the code (comments left out).
 */
class PackagesTest {

    private static final Pattern USE = Pattern.compile("jp\\.kpireview\\.([a-z]+)\\.[A-Z]");

    /** What each lower layer may use besides itself. */
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "domain", Set.of(),
            "facts", Set.of("domain", "io"),
            "rulebase", Set.of("domain", "facts", "io"),
            "engine", Set.of("domain", "facts", "io", "rulebase"));

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (var layer : MAY_USE.entrySet()) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/jp/kpireview", layer.getKey()))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                    Matcher m = USE.matcher(code);
                    while (m.find()) {
                        String used = m.group(1);
                        if (!used.equals(layer.getKey()) && !layer.getValue().contains(used)) {
                            wrong.add(f + " uses jp.kpireview." + used);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong.stream().distinct().toList());
    }
}
