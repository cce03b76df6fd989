package jp.kpireview.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.kpireview.cli.Cli;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command blocks of README.md and docs/ (all but the policy guide, which {@link PolicyGuideTest} runs recipe by
 * recipe), run as written: each {@code ```sh} block's lines in order — {@code bin/kpi-review …} in-process,
 * {@code cp -r A B} and {@code sed -i 's/A/B/' FILE} as the shell would — with {@code /tmp} standing for a scratch
 * folder, and the block right after it compared line by line with what they printed. In that block {@code …} stands
 * for any text within a line, and a line holding only {@code …} for any number of lines (times, rule hashes and
 * long listings vary). A {@code ```file PATH} block after it holds what that file must hold, compared the same way.
 * {@code ```console} blocks are shown, not run: {@code bin/test} is this run itself, and
 * {@code bin/bench} and {@code bin/load} take minutes to print measurements.
 */
class DocsCommandsTest {

    private static final Pattern SED = Pattern.compile("sed -i '(s/(.*)/(.*)/)' (\\S+)");

    @TempDir
    Path tmp;

    /** A {@code ```sh} block, what it must print, and files it must have written ({@code ```file PATH} blocks after it). */
    private record Block(Path page, int line, List<String> commands, List<String> expected,
            java.util.Map<String, List<String>> files) {
    }

    @TestFactory
    Stream<DynamicTest> everyCommandBlockPrintsWhatTheDocsShow() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md") && !p.endsWith("policy-guide.md")).sorted().forEach(pages::add);
        }
        List<Block> blocks = new ArrayList<>();
        for (Path page : pages) {
            blocks.addAll(blocks(page));
        }
        assertTrue(blocks.size() >= 10, "the docs' command blocks: " + blocks.size());
        return blocks.stream().map(b -> DynamicTest.dynamicTest(b.page() + ":" + b.line(), () -> run(b)));
    }

    private static List<Block> blocks(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```file ") && !blocks.isEmpty()) {
                List<String> content = new ArrayList<>();
                String path = lines.get(i).substring("```file ".length());
                while (!lines.get(++i).equals("```")) {
                    content.add(lines.get(i));
                }
                blocks.get(blocks.size() - 1).files().put(path, content);
                continue;
            }
            if (!lines.get(i).equals("```sh")) {
                continue;
            }
            int start = i + 1;
            List<String> commands = new ArrayList<>();
            String continued = "";
            while (!lines.get(++i).equals("```")) {
                String line = lines.get(i);
                if (line.endsWith(" \\")) {  // a command continued on the next line
                    continued += line.substring(0, line.length() - 1);
                } else {
                    commands.add(continued + line.strip());
                    continued = "";
                }
            }
            List<String> expected = null;
            if (i + 1 < lines.size() && (lines.get(i + 1).equals("```") || lines.get(i + 1).equals("```text"))) {
                expected = new ArrayList<>();
                for (i += 2; !lines.get(i).equals("```"); i++) {
                    expected.add(lines.get(i));
                }
            }
            blocks.add(new Block(page, start, commands, expected, new java.util.LinkedHashMap<>()));
        }
        return blocks;
    }

    private void run(Block block) throws IOException {
        StringBuilder printed = new StringBuilder();
        String scratch = tmp.toString();
        for (String command : block.commands()) {
            String line = command.replace("/tmp/", scratch + "/");
            Matcher sed = SED.matcher(line);
            if (line.startsWith("bin/kpi-review ")) {
                List<String> args = words(line.substring("bin/kpi-review ".length()));
                // a command that writes into the project (example data) must write what the project holds
                Path kept = keptOutput(args, scratch);
                java.util.Map<Path, String> before = kept == null ? null : contents(kept);
                String out = Cli.run(args.toArray(String[]::new));
                assertFalse(out.startsWith("3\n"), command + "\n" + out);
                printed.append(out.substring(out.indexOf('\n') + 1));
                if (kept != null) {
                    assertEquals(before, contents(kept), block.page() + ":" + block.line() + ": " + command
                            + " wrote other files than " + kept + " holds");
                }
            } else if (line.startsWith("cp -r ")) {
                String[] paths = line.substring("cp -r ".length()).split(" ");
                copy(Path.of(paths[0]), Path.of(paths[1]));
            } else if (sed.matches()) {
                Path file = Path.of(sed.group(4));
                Files.writeString(file, Pattern.compile(sed.group(2), Pattern.MULTILINE).matcher(Files.readString(file))
                        .replaceFirst(Matcher.quoteReplacement(sed.group(3))));
            } else {
                throw new AssertionError(block.page() + ":" + block.line() + ": a command the docs test cannot run: "
                        + command + " (show it in a ```console block, or add it here)");
            }
        }
        if (block.expected() != null) {
            compare(block, "printed", printed.toString().replace(scratch, "/tmp"), block.expected());
        }
        for (var file : block.files().entrySet()) {
            Path written = Path.of(file.getKey().replace("/tmp/", scratch + "/"));
            compare(block, "wrote " + file.getKey() + " holding", Files.readString(written).replace("\uFEFF", ""),
                    file.getValue());
        }
    }

    private static void compare(Block block, String what, String actual, List<String> expected) {
        String text = actual.stripTrailing() + "\n";
        assertTrue(pattern(expected).matcher(text).matches(), block.page() + ":" + block.line() + " " + what + "\n"
                + text + "\n\nwhere the page shows\n" + String.join("\n", expected));
    }

    /** The folder inside the project a command writes to ({@code --out}), or null when it writes elsewhere. */
    private static Path keptOutput(List<String> args, String scratch) {
        int at = args.indexOf("--out");
        if (at < 0 || at + 1 >= args.size() || args.get(at + 1).startsWith(scratch)) {
            return null;
        }
        Path out = Path.of(args.get(at + 1));
        return Files.isDirectory(out) && !out.isAbsolute() ? out : null;
    }

    /** Each file under {@code folder} with its bytes (as text of their hash: a failure names the file that differs). */
    private static java.util.Map<Path, String> contents(Path folder) throws IOException {
        java.util.Map<Path, String> files = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(f), java.util.HexFormat.of().formatHex(java.security.MessageDigest
                        .getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    /** A command line's words as the shell splits them: spaces outside quotes, '…' and "…" quoting. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                }
                word = null;
            } else {
                word = (word == null ? new StringBuilder() : word).append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** The expected lines as a pattern: … any text within a line, a line of … alone any number of lines. */
    static Pattern pattern(List<String> expected) {
        StringBuilder regex = new StringBuilder();
        for (String line : expected) {
            if (line.strip().equals("…")) {
                regex.append("(?:[^\\n]*\\n)*?");
                continue;
            }
            String[] parts = line.split("…", -1);
            for (int i = 0; i < parts.length; i++) {
                regex.append(i > 0 ? "[^\\n]*?" : "").append(Pattern.quote(parts[i]));
            }
            regex.append("\\n");
        }
        return Pattern.compile(regex.toString());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
