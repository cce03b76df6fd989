package jp.kpireview.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.kpireview.cli.Cli;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What officers read is Japanese: every output of a year's work — batch's and evaluate's lines and tables, explain,
 * validate, test-rules, plan and diff, report.html, diff.html and every sheet of report.xlsx — for the seed and three
 * example policies holds no English word but the few a Japanese report uses too (FY, KPI, No.), the data's own words
 * (KPI names such as LED or Wi-Fi) and names of files and folders. Codes for programs (results.csv, results.json) are
 * not read by people and are not scanned.
 */
class JapaneseWordsTest {

    /** Words a Japanese report writes in Latin letters itself. */
    private static final Set<String> ALLOWED = Set.of("FY", "KPI", "No");
    private static final Pattern WORD = Pattern.compile("(?<![\\p{Alnum}_])[A-Za-z]{2,}(?![\\p{Alnum}_])");
    /** A path or a file name ({@code seeds/otaru-h30.csv}, {@code rules@5e12829e}), a policy's label. */
    private static final Pattern NAMES = Pattern.compile("[^\\s()（）,、:：\"'\\[\\]]*([/\\\\@]|\\.(csv|xlsx|html|json"
            + "|drl|drt|txt))[^\\s()（）,、:：\"'\\[\\]]*");

    @TempDir
    Path dir;

    @Test
    void theSeedAndThreeExamplesSpeakJapanese() throws IOException {
        Map<String, String> found = new TreeMap<>();
        scan("rules", "seeds/otaru-h30.csv", found);
        scan("examples/policies/achievement-ratio", "seeds/otaru-h30.csv", found);
        scan("examples/policies/comparison", "examples/policies/comparison/data/otaru-h30.csv", found);
        scan("examples/policies/project-grade", "seeds/otaru-h30.csv", found);
        assertEquals(Map.of(), found, "English words people would read, with where each was first seen");
    }

    private void scan(String rules, String data, Map<String, String> found) throws IOException {
        Path out = Files.createDirectories(dir.resolve(Path.of(rules).getFileName()));
        Set<String> own = ownWords(Path.of(data), Path.of(rules));
        Map<String, String> texts = new TreeMap<>();
        texts.put("batch", Cli.run("batch", "--rules", rules, "--data", data, "--plan", "FY2019", "--out",
                out.resolve("batch").toString()));
        texts.put("evaluate", Cli.run("evaluate", "--rules", rules, "--data", data, "--year", "FY2018", "--out",
                out.resolve("evaluate").toString()));
        for (String kpi : List.of("1", "25", "59")) {
            texts.put("explain " + kpi, Cli.run("explain", "--rules", rules, "--data", data, "--year", "FY2018",
                    "--kpi", kpi));
        }
        texts.put("validate", Cli.run("validate", "--rules", rules));
        texts.put("test-rules", Cli.run("test-rules", "--rules", rules));
        texts.put("plan", Cli.run("plan", "--rules", rules, "--data", data, "--year", "FY2019", "--out",
                out.resolve("plan").toString()));
        texts.put("diff", Cli.run("diff", "--rules", "rules", "--rules", rules, "--data", data, "--years", "FY2018",
                "--out", out.resolve("diff").toString()));
        texts.put("report.html", html(out.resolve("batch/report.html")));
        texts.put("diff.html", html(out.resolve("diff/diff.html")));
        texts.put("report.xlsx", workbook(out.resolve("batch/report.xlsx")));
        texts.forEach((what, text) -> {
            assertTrue(!text.startsWith("2\n"), rules + " " + what + " failed: " + text);
            String plain = NAMES.matcher(text).replaceAll(" ");
            Matcher m = WORD.matcher(plain);
            while (m.find()) {
                String word = m.group();
                if (!ALLOWED.contains(word) && !own.contains(word)) {
                    int from = Math.max(0, m.start() - 40);
                    found.putIfAbsent(word, rules + " " + what + ": …" + plain.substring(from,
                            Math.min(plain.length(), m.end() + 40)).replace('\n', ' ') + "…");
                }
            }
        });
    }

    /** The words of the data and of the policy's direction table: the town's own, shown as it wrote them. */
    private static Set<String> ownWords(Path data, Path rules) throws IOException {
        Set<String> words = new java.util.HashSet<>();
        List<String> texts = new ArrayList<>(Files.readAllLines(data));
        for (var f : jp.kpireview.rulebase.RuleFiles.of(rules)) {
            if (f.name().endsWith(".csv")) {
                texts.addAll(Files.readAllLines(f.path()));
            }
        }
        texts.forEach(t -> {
            Matcher m = WORD.matcher(t);
            while (m.find()) {
                words.add(m.group());
            }
        });
        // the policy's folders are named by the town (rules, achievement-ratio …): names, as file names are
        Matcher name = WORD.matcher(rules.getFileName().toString());
        while (name.find()) {
            words.add(name.group());
        }
        words.add("rules");  // diff compares with the bundled folder rules
        // the data's English column names are headings for programs, not words a report prints
        words.removeAll(Set.of("kpi", "project", "business", "unit", "direction", "baseline", "target", "note"));
        return words;
    }

    private static String html(Path file) throws IOException {
        String text = Files.readString(file).replaceAll("(?s)<style.*?</style>", " ")
                .replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " ");
        return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'");
    }

    private static String workbook(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        try (ReadableWorkbook book = new ReadableWorkbook(file.toFile())) {
            for (Sheet sheet : book.getSheets().toList()) {
                text.append(sheet.getName()).append('\n');
                try (Stream<Row> rows = sheet.openStream()) {
                    rows.forEach(r -> {
                        for (Cell c : r) {
                            if (c != null) {
                                text.append(c.getText()).append('\t');
                            }
                        }
                        text.append('\n');
                    });
                }
            }
        }
        return text.toString();
    }
}
