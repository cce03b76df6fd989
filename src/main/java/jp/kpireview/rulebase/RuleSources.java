package jp.kpireview.rulebase;

import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kpireview.facts.TableValueException;
import jp.kpireview.io.TextFiles;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.Message;

/**
 * A policy's rule files read, checked and parsed: the text Drools compiles of each (a table as the DRL its template
 * writes from its rows), where each rule is written (a file and line, or a table and row), and Drools' errors put
 * back at those places (a table's rule at its template's line).
 *
 * @param texts       the text of each file, by file name, as Drools compiles it
 * @param placeOfRule where each rule is written, by rule name
 * @param tables      the tables among the files, by file name
 */
record RuleSources(Path folder, List<RuleFiles.RuleFile> files, Map<String, String> texts,
        Map<String, RuleProblem> placeOfRule, Map<String, RuleTable.Compiled> tables) {

    /** A type a rule file declares: {@code declare NearBaseline}. */
    private static final Pattern DECLARE = Pattern.compile("(?m)^\\s*declare\\s+(\\w+)");
    private static final String DRL = ".drl";

    /** Reads and checks every file; a mistake in any of them is a {@link RuleSetException} at its place. */
    static RuleSources read(Path folder, List<RuleFiles.RuleFile> files) {
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, RuleTable.Compiled> tables = new LinkedHashMap<>();
        List<RuleProblem> lint = new ArrayList<>();
        Map<String, RuleProblem> placeOfRule = new LinkedHashMap<>();
        // every file read once; the types any of them declares are known before each is linted
        Set<String> declared = new HashSet<>();
        for (RuleFiles.RuleFile ruleFile : files) {
            String text;
            if (RuleFiles.isTemplate(ruleFile.name())) {
                continue;  // read with its table
            } else if (RuleTable.isTable(ruleFile.name())) {
                try {
                    RuleTable.Compiled table = RuleTable.compile(ruleFile.path(), templateOf(ruleFile, files));
                    tables.put(ruleFile.name(), table);
                    text = table.drl();
                } catch (RuleSetException e) {
                    lint.addAll(e.problems());
                    continue;
                }
            } else {
                text = readUtf8(ruleFile.path());
            }
            texts.put(ruleFile.name(), text);
            Matcher m = DECLARE.matcher(text);
            while (m.find()) {
                declared.add(m.group(1));
            }
        }
        for (RuleFiles.RuleFile ruleFile : files) {
            Path file = ruleFile.path();
            String text = texts.get(ruleFile.name());
            if (text == null) {
                continue;  // a template, or a table refused above
            }
            RuleTable.Compiled table = tables.get(ruleFile.name());
            RuleLint.Checked checked = RuleLint.check(file, text, declared);
            checked.problems().forEach(p -> lint.add(table == null ? p : table.problemAt(p.line(), p.message())));
            checked.ruleLines().forEach((rule, line) -> placeOfRule.putIfAbsent(rule,
                    new RuleProblem(file.toString(), table == null ? line : table.rowOf(line), "")));
        }
        if (!lint.isEmpty()) {
            throw new RuleSetException(lint);
        }
        return new RuleSources(folder, files, texts, placeOfRule, tables);
    }

    /**
     * The template that makes the rules of {@code table} (区分表.drt for 区分表.csv); a located {@link RuleSetException}
     * when there is none or it is wrong.
     */
    private static RuleTemplate templateOf(RuleFiles.RuleFile table, List<RuleFiles.RuleFile> files) {
        String name = RuleTable.nameOf(table.name()) + RuleTemplate.EXTENSION;
        RuleFiles.RuleFile file = files.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new RuleSetException(new RuleProblem(table.path().toString(), 0, "表の行をルールに"
                        + "するテンプレート " + name + " がありません: このフォルダに置くか、共通.txt で共通のルールの"
                        + "フォルダを取ります (the table has no template)")));
        return RuleTemplate.read(file.path());
    }

    /** The name a file's text is compiled under: a table's DRL as {@code 区分表.csv.drl}. */
    static String resourceName(String fileName) {
        return fileName.endsWith(DRL) ? fileName : fileName + DRL;
    }

    /**
     * Where a table row's value was refused, as the officer finds it: the table's file, the row, and the column whose
     * code takes the value ({@code 区分表.csv:9: 「下限」(B列): …}).
     */
    RuleProblem locate(TableValueException e) {
        for (RuleTable.Compiled table : tables.values()) {
            if (table.name().equals(e.at().table())) {
                String column = table.columnNamed(e.part());
                return new RuleProblem(table.file().toString(), e.at().row(),
                        (column.isEmpty() ? "" : column + ": ") + e.getMessage());
            }
        }
        return new RuleProblem(folder.toString(), 0, e.at() + ": " + e.getMessage());
    }

    /**
     * One located error per file of a build: the first error in a file usually causes the rest (a missing {@code end}
     * reports every rule after it), so the first is the one to fix; a table's error at the row Drools wrote it from.
     */
    List<RuleProblem> firstErrorPerFile(KieBuilder builder) {
        Map<String, RuleProblem> first = new LinkedHashMap<>();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            String name = message.getPath() == null ? null : fileName(message.getPath());
            String file = name == null ? folder.toString() : pathOf(name).toString();
            RuleTable.Compiled table = name == null ? null : tables.get(name);
            CompilerWords.Said said = CompilerWords.say(clean(message.getText()));
            // Drools places an action's mistake at the rule's first line: the line that holds what it is about
            String text = name == null ? null : texts.get(name);
            int reported = Math.max(message.getLine(), 0);
            int line = text == null || said.near() == null ? reported : RuleLint.lineOf(text, said.near(), reported);
            RuleProblem problem = table == null ? new RuleProblem(file, line, said.text())
                    : table.problemAt(line, said.text());
            first.merge(problem.file(), problem, (a, b) -> a.line() > 0 && (b.line() == 0 || a.line() <= b.line()) ? a : b);
        }
        return new ArrayList<>(first.values());
    }

    /** The file behind a resource path Drools reports: {@code rules/bands.drl}, {@code rules/区分表.csv.drl}. */
    private static String fileName(String resourcePath) {
        String resource = Path.of(resourcePath).getFileName().toString();
        String bare = resource.endsWith(DRL) ? resource.substring(0, resource.length() - DRL.length()) : resource;
        return RuleTable.isTable(bare) ? bare : resource;
    }

    private Path pathOf(String name) {
        return files.stream().filter(f -> f.name().equals(name)).map(RuleFiles.RuleFile::path).findFirst()
                .orElse(folder.resolve(name));
    }

    /** Drools' messages carry an internal prefix and line breaks; keep the sentence a person can act on. */
    private static String clean(String text) {
        return text.replace("Rule Compilation error", "")
                .replaceAll("\\[ERR \\d+] Line \\d+:\\d+", "")
                .replaceAll("\\[Near : \\{.*?}]\\s*\\^?", "")
                .replaceAll("\\[Line: \\d+, Column: \\d+]", "")
                .replaceAll("\\s+", " ").strip();
    }

    private static String readUtf8(Path file) {
        try {
            return TextFiles.readUtf8(file);
        } catch (CharacterCodingException e) {
            throw new RuleSetException(RuleProblem.notUtf8(file));
        }
    }
}
