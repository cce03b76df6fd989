package jp.kpireview.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import jp.kpireview.cli.Cli;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/policy-guide.md, run: each recipe (a {@code ## } section) on a fresh copy of rules/ named my-rules. A
 * {@code ```diff FILE} block is applied to that file (its {@code -} and context lines must be there, in order), a
 * {@code ```file PATH} block writes a file, and each {@code bin/kpi-review …} line of a {@code ```sh} block is run;
 * every line of the {@code ```text} block after it must be in what it printed. So the guide cannot drift.
 */
class PolicyGuideTest {

    private static final Path GUIDE = Path.of("docs", "policy-guide.md");

    @TempDir
    Path dir;

    private record Block(String kind, String argument, List<String> lines) {
    }

    @TestFactory
    Stream<DynamicTest> everyRecipeOfTheGuideRunsAsWritten() throws IOException {
        List<String> lines = Files.readAllLines(GUIDE);
        List<DynamicTest> tests = new ArrayList<>();
        String title = null;
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                if (title != null) {
                    tests.add(recipe(title, blocks));
                }
                title = line.substring(3);
                blocks = new ArrayList<>();
            } else if (line.startsWith("```") && line.length() > 3) {
                String[] head = line.substring(3).split(" ", 2);
                List<String> body = new ArrayList<>();
                while (!lines.get(++i).equals("```")) {
                    body.add(lines.get(i));
                }
                blocks.add(new Block(head[0], head.length > 1 ? head[1] : "", body));
            }
        }
        tests.add(recipe(title, blocks));
        assertTrue(tests.size() >= 7, "the guide's recipes: " + tests.size());
        return tests.stream();
    }

    private DynamicTest recipe(String title, List<Block> blocks) {
        return DynamicTest.dynamicTest(title, () -> {
            Path work = Files.createDirectories(dir.resolve(title.replaceAll("[^0-9A-Za-z]", "_")));
            jp.kpireview.rules.KpiFixture.copyOfPolicy(Path.of("rules"), work.resolve("my-rules"), text -> text);
            String printed = null;
            for (Block b : blocks) {
                switch (b.kind()) {
                    case "diff" -> apply(work.resolve("my-rules").resolve(b.argument()), b.lines());
                    case "file" -> {
                        Path file = b.argument().contains("/") ? work.resolve(b.argument())
                                : work.resolve("my-rules").resolve(b.argument());
                        Files.createDirectories(file.getParent());
                        Files.writeString(file, String.join("\n", b.lines()) + "\n");
                    }
                    case "sh" -> printed = run(work, b.lines());
                    case "text" -> {
                        for (String expected : b.lines()) {
                            assertTrue(printed != null && printed.contains(expected), title + ": expected\n" + expected
                                    + "\nin\n" + printed);
                        }
                    }
                    default -> throw new AssertionError(title + ": unknown block ```" + b.kind());
                }
            }
        });
    }

    /** Runs the kpi-review lines of a shell block (others, such as cp, set up what the test already made). */
    private static String run(Path work, List<String> commands) {
        StringBuilder printed = new StringBuilder();
        for (String command : commands) {
            if (!command.startsWith("bin/kpi-review ")) {
                continue;
            }
            String[] args = Arrays.stream(command.substring("bin/kpi-review ".length()).split(" (?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"))
                    .map(a -> a.startsWith("my-") ? work.resolve(a).toString() : a).toArray(String[]::new);
            if (Arrays.asList(args).contains("diff") || Arrays.asList(args).contains("evaluate")) {
                args = Stream.concat(Arrays.stream(args), Stream.of("--out", work.resolve("out").toString()))
                        .toArray(String[]::new);
            }
            String out = Cli.run(args);
            assertFalse(out.startsWith("2\n") || out.startsWith("3\n"), command + "\n" + out);
            printed.append(out.replace(work + "/", "").replaceAll("@[0-9a-f]{8}", "@…"));
        }
        return printed.toString();
    }

    /** Applies a unified-diff-like block: its context and - lines, in order, become its context and + lines. */
    private static void apply(Path file, List<String> diff) throws IOException {
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (String line : diff) {
            String text = line.isEmpty() ? "" : line.substring(1);
            if (!line.startsWith("+")) {
                before.add(text);
            }
            if (!line.startsWith("-")) {
                after.add(text);
            }
        }
        String content = Files.readString(file);
        String from = String.join("\n", before);
        assertTrue(content.contains(from), file + " does not hold\n" + from);
        Files.writeString(file, content.replace(from, String.join("\n", after)));
    }
}
