package jp.kpireview.rulebase;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jp.kpireview.io.FileFailure;
import jp.kpireview.io.SystemFiles;
import jp.kpireview.io.TextFiles;

/**
 * The rule files a policy folder runs with: its own {@code .drl} files, tables ({@code .csv}, {@code .xlsx}) with their templates ({@code .drt}), and those its {@value #SHARED} names, so a
 * rule several policies share is written once. {@value #SHARED} holds one line per rule file ({@code
 * ../../../rules/direction.drl}) or folder (all its rule files), relative to the folder it is in; {@code #} starts a
 * comment. A file of the folder's own replaces a shared file of the same name (an example that changes only its bands
 * holds only {@code bands.drl}); a shared folder may share in turn.
 */
public final class RuleFiles {

    /** The file that names the folders a policy folder takes its other rules from. */
    public static final String SHARED = "共通.txt";
    private static final String DRL = ".drl";

    /**
     * One rule file a policy runs.
     *
     * @param name the file's name, unique in the policy (a folder's own file hides a shared one of that name)
     * @param from the folder it is shared from, as {@value #SHARED} names it; empty for the policy's own files
     */
    public record RuleFile(String name, Path path, String from) {

        public boolean shared() {
            return !from.isEmpty();
        }
    }

    private RuleFiles() {
    }

    /** The files {@code folder} runs with, by name; its own first, each name once. */
    public static List<RuleFile> of(Path folder) {
        Map<String, RuleFile> files = new LinkedHashMap<>();
        collect(folder, "", files, new LinkedHashSet<>());
        // a template makes the rules of the table of its name, and nothing without one: a shared template whose table
        // the folder replaced (its own 許容幅.drl for the shared 許容幅.csv) is not among the files it runs with; one
        // of the folder's own that no table uses is an error, since an edit to it would change nothing
        Set<String> tables = new java.util.HashSet<>();
        files.values().stream().filter(f -> RuleTable.isTable(f.name())).forEach(f -> tables.add(RuleTable.nameOf(
                f.name())));
        for (RuleFile file : List.copyOf(files.values())) {
            if (isTemplate(file.name()) && !tables.contains(RuleTable.nameOf(file.name()))) {
                if (!file.shared()) {
                    throw new RuleSetException(new RuleProblem(file.path().toString(), 0, "このテンプレートを使う表 ("
                            + RuleTable.nameOf(file.name()) + ".csv か .xlsx) がありません。表を置くか、テンプレートを"
                            + "消してください (no table uses this template)"));
                }
                files.values().remove(file);
            }
        }
        return files.values().stream().sorted(java.util.Comparator.comparing(RuleFile::name)).toList();
    }

    /** The folder and every folder it shares from: what a watcher of its rules must watch. */
    public static List<Path> folders(Path folder) {
        Set<Path> seen = new LinkedHashSet<>();
        collect(folder, "", new LinkedHashMap<>(), seen);
        return List.copyOf(seen);
    }

    /** True when {@code folder} holds rules of its own or shares some. */
    public static boolean holdsRules(Path folder) {
        return !ownFiles(folder).isEmpty() || Files.isRegularFile(folder.resolve(SHARED));
    }

    private static void collect(Path folder, String from, Map<String, RuleFile> files, Set<Path> seen) {
        Path real = folder.toAbsolutePath().normalize();
        if (!seen.add(real)) {
            return;  // shared twice, or a folder that shares itself back: its files are in already
        }
        Map<String, Path> own = new LinkedHashMap<>();
        for (Path file : ownFiles(folder)) {
            Path other = own.putIfAbsent(concern(file), file);
            if (other != null) {
                // two files of one concern in one folder (区分表.csv and 区分表.xlsx): which one the officer edited
                // cannot be told, and taking one would silently ignore the other
                throw new RuleSetException(new RuleProblem(file.toString(), 0, "同じ表・ルールのファイルが二つあります: "
                        + other.getFileName() + " と " + file.getFileName() + "。使う方だけを残してください (two files"
                        + " decide the same thing; keep one)"));
            }
            files.putIfAbsent(concern(file), new RuleFile(file.getFileName().toString(), file, from));
        }
        Path shared = folder.resolve(SHARED);
        if (!Files.isRegularFile(shared)) {
            return;
        }
        List<String> lines = lines(shared);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Path other = folder.resolve(line).normalize();
            String origin = from.isEmpty() ? line : from;
            if (isRuleFile(other) && Files.isRegularFile(other)) {
                files.putIfAbsent(concern(other), new RuleFile(other.getFileName().toString(), other, origin));
                // a shared table comes with the template that makes its rules (方向の記号.csv with 方向の記号.drt)
                Path template = other.resolveSibling(RuleTable.nameOf(other.getFileName().toString())
                        + RuleTemplate.EXTENSION);
                if (RuleTable.isTable(other.getFileName().toString()) && Files.isRegularFile(template)) {
                    files.putIfAbsent(concern(template), new RuleFile(template.getFileName().toString(), template,
                            origin));
                }
            } else if (Files.isDirectory(other)) {
                collect(other, origin, files, seen);
            } else {
                throw new RuleSetException(new RuleProblem(shared.toString(), i + 1, "共通のルール '" + line
                        + "' がありません: 共通.txt のあるフォルダからの位置で書きます (no such rule file or folder; write it"
                        + " relative to the folder of 共通.txt)"));
            }
        }
    }

    /** A file of rules: DRL, a table (区分表.csv, 区分表.xlsx) or the template that makes its rules (区分表.drt). */
    static boolean isRuleFile(Path file) {
        String name = file.getFileName().toString();
        return !SystemFiles.isSystemFile(name) && (name.endsWith(DRL) || RuleTable.isTable(name) || isTemplate(name));
    }

    /** The folder of a policy's scenario files ({@code tests/}), and whether a file in it is one (a CSV). */
    public static final String SCENARIOS = "tests";

    public static boolean isScenarioFile(Path file) {
        String name = file.getFileName().toString();
        return !SystemFiles.isSystemFile(name) && name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
    }

    /**
     * What {@code folder} holds that no run reads: files that are no rule file and not {@value #SHARED}, folders other
     * than {@code tests/} and those {@value #SHARED} names (a folder's name ends in {@code /}), and files in
     * {@code tests/} that are no scenario file. {@code validate} lists them, so nothing put in a rule folder is left
     * out unseen; the system's own files are not listed.
     */
    public static List<String> unread(Path folder) {
        Set<Path> shared = new java.util.HashSet<>(folders(folder));
        List<String> unread = new ArrayList<>(list(folder).stream().filter(p -> Files.isDirectory(p)
                ? !p.getFileName().toString().equals(SCENARIOS) && !shared.contains(p.toAbsolutePath().normalize())
                : !isRuleFile(p) && !p.getFileName().toString().equals(SHARED))
                .map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).toList());
        Path scenarios = folder.resolve(SCENARIOS);
        if (Files.isDirectory(scenarios)) {
            list(scenarios).stream().filter(p -> Files.isDirectory(p) || !isScenarioFile(p))
                    .forEach(p -> unread.add(SCENARIOS + "/" + p.getFileName() + (Files.isDirectory(p) ? "/" : "")));
        }
        return unread;
    }

    /** A folder's entries but the system's own files, sorted. */
    static List<Path> list(Path folder) {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(p -> !SystemFiles.isSystemFile(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.LIST, folder, e);
        }
    }

    /** A rule template (区分表.drt): it makes the rules of the table of its name, and is no rule file of its own. */
    static boolean isTemplate(String name) {
        return name.endsWith(RuleTemplate.EXTENSION);
    }

    /**
     * What a file decides, by which a folder's own file replaces a shared one: its name without the extension, so a
     * folder's 許容幅.drl replaces a shared 許容幅.csv (the same concern, written as rules instead of a table). A
     * template is a concern of its own (区分表.drt beside 区分表.csv), replaced only by a template of its name.
     */
    private static String concern(Path file) {
        String name = file.getFileName().toString();
        return isTemplate(name) ? name : RuleTable.nameOf(name);
    }

    private static List<Path> ownFiles(Path folder) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.LIST, folder, e);
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (!isRuleFile(file) && !SystemFiles.isSystemFile(name) && (lower.endsWith(DRL) || isTemplate(lower))) {
                // 新しいルール.DRL, saved so by an editor: read as nothing, it would drop the officer's rules unseen
                String extension = lower.substring(lower.lastIndexOf('.'));
                throw new RuleSetException(new RuleProblem(file.toString(), 0, "拡張子が小文字の " + extension
                        + " ではないため、このファイルはルールとして読まれません: 名前を " + name.substring(0,
                        name.length() - extension.length()) + extension + " にしてください (write the extension in"
                        + " lower case)"));
            }
        }
        return files.stream().filter(RuleFiles::isRuleFile).toList();
    }

    private static List<String> lines(Path file) {
        try {
            return new ArrayList<>(TextFiles.readUtf8(file).lines().toList());
        } catch (CharacterCodingException e) {
            throw new RuleSetException(RuleProblem.notUtf8(file));
        }
    }
}
