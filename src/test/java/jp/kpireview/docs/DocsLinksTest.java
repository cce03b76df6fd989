package jp.kpireview.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every pointer leads somewhere that exists: each relative link of the Markdown pages (README, docs/, examples/) to a
 * file that is there, and to a heading that page has (as GitHub names its anchors); each {@code docs/….md} a comment
 * of the code, the build or the rules names.
 */
class DocsLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.+?) *$", Pattern.MULTILINE);
    private static final Pattern DOC = Pattern.compile("docs/[\\w.-]+\\.md");

    @Test
    void everyLinkOfThePagesLeadsToAFileAndHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : files(Path.of("."), ".md")) {
            String text = Files.readString(page);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("(?i)(https?|mailto):.*")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path to = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(to)) {
                    broken.add(page + ": " + target + " (no such file)");
                } else if (anchor != null && to.toString().endsWith(".md") && !anchors(to).contains(anchor)) {
                    broken.add(page + ": " + target + " (no such heading in " + to + ")");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void everyPageTheCodeNamesExists() throws IOException {
        List<Path> sources = new ArrayList<>(files(Path.of("src"), ".java"));
        sources.addAll(files(Path.of("rules"), ".drl"));
        sources.add(Path.of("pom.xml"));
        List<String> missing = new ArrayList<>();
        for (Path source : sources) {
            Matcher m = DOC.matcher(Files.readString(source));
            while (m.find()) {
                if (!Files.exists(Path.of(m.group()))) {
                    missing.add(source + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(Path page) throws IOException {
        Matcher m = HEADING.matcher(Files.readString(page));
        Set<String> anchors = new java.util.HashSet<>();
        while (m.find()) {
            anchors.add(m.group(1).replace("`", "").toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    private static List<Path> files(Path root, String ending) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(ending) && !p.startsWith("./target")
                    && !p.toString().contains("/target/") && !p.startsWith("./.git") && !p.startsWith("./out")
                    && !p.startsWith("./generated")).sorted().collect(Collectors.toList());
        }
    }
}
