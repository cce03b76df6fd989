package jp.kpireview.rulebase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jp.kpireview.cli.Cli;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rule says policy, not code ({@link RuleLanguage}): each construct that would let a rule run arbitrary Java — a
 * loop that spins, a file written, the process ended, a thread, reflection, a number grown without bound — is
 * refused at its file and line before anything runs, in a condition as in an action, and in a table's template as in
 * a DRL file; the shipped rules and every example speak the language already.
 */
class RuleLanguageTest {

    @TempDir
    Path dir;

    /** The line of {@code evil.drl} the planted text is on: the rule's action, or its condition. */
    private static final int ACTION_LINE = 10;
    private static final int CONDITION_LINE = 8;

    static Stream<Arguments> forbidden() {
        return Stream.of(
                action("a spinning loop", "while (true) { }", "繰り返し (while)"),
                action("a for loop", "for (int i = 0; i < 10; i++) { }", "繰り返し (for)"),
                action("a do loop", "do { } while (true);", "繰り返し (do)"),
                action("the process ended", "System.exit(0);", "exit(…) は呼べません"),
                action("a file written", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/x\"), \"x\");",
                        "'java' は方針の事実でも変数でもありません"),
                action("a thread", "new Thread(() -> { }).start();", "new Thread は書けません"),
                action("a sleep", "Thread.sleep(1000);", "sleep(…) は呼べません"),
                action("reflection", "$k.getClass().getDeclaredMethods();", "getClass(…) は呼べません"),
                action("a class loaded by name", "Class.forName(\"java.lang.Runtime\");", "forName(…) は呼べません"),
                action("a program run", "Runtime.getRuntime().exec(\"sh\");", "getRuntime(…) は呼べません"),
                action("a lambda", "Runnable r = () -> { };", "ラムダ式 (->) は書けません"),
                action("a method reference", "java.util.function.Supplier<String> s = $k::note;",
                        "メソッド参照 (::) は書けません"),
                action("an anonymous class", "Object o = new Object() { };", "無名クラスは書けません"),
                action("a try block", "try { } catch (Exception e) { }", "try は書けません"),
                action("a throw", "throw new RuntimeException(\"x\");", "throw は書けません"),
                action("an array of any size", "long[] a = new long[1 << 30];", "配列は作れません"),
                action("a number grown without bound", "insert( $k.baseline().pow(100).pow(100) );",
                        "pow(…) は呼べません"),
                action("a text grown without bound", "String s = $k.note().repeat(1000000000);",
                        "repeat(…) は呼べません"),
                action("a number with a huge exponent", "insert( new java.math.BigDecimal(\"1E+999999999\") );",
                        "new java.math.BigDecimal は書けません"),
                action("a call without a receiver", "doSomething();", "doSomething(…) は呼べません"),
                action("the session reached through drools", "drools.getKieRuntime().halt();",
                        "getKieRuntime(…) は呼べません"),
                action("the rule's context", "kcontext.getKieRuntime();", "getKieRuntime(…) は呼べません"),
                action("a class literal", "Object c = String.class;", "クラス (.class) は使えません"),
                action("a synchronized block", "synchronized ($k) { }", "synchronized は書けません"),
                condition("a condition that ends the process", "$k : KpiYear( System.exit(0) == null )", "exit(…) は呼べません"),
                condition("a condition that reaches the runtime",
                        "$k : KpiYear( year > java.lang.Runtime.getRuntime().availableProcessors() )",
                        "getRuntime(…) は呼べません"),
                condition("a condition that grows a text", "$k : KpiYear( note.repeat(1000000000) != null )",
                        "repeat(…) は呼べません"),
                condition("an eval of arbitrary code", "eval( System.currentTimeMillis() > 0 )",
                        "'System' は方針の事実でも変数でもありません"),
                condition("a pattern that backtracks without end", "$k : KpiYear( note matches \"(a+)+$\" )",
                        "matches: くり返しを含むかっこをくり返す書き方"),
                condition("a group repeated around a repeated group", "$k : KpiYear( note matches \"((ab*)c)*d\" )",
                        "matches: くり返しを含むかっこをくり返す書き方"),
                action("a back-reference", "String s = $k.note().replaceFirst(\"(a)\\\\1\", \"\");",
                        "replaceFirst(…): 後方参照"),
                action("a pattern made at run time", "boolean b = $k.note().matches($k.kpiName());",
                        "matches(…): パターンは"));
    }

    private static Arguments action(String name, String code, String message) {
        return Arguments.of(name, "$k : KpiYear( kpiId == \"TRAP\" )", code, ACTION_LINE, message);
    }

    private static Arguments condition(String name, String condition, String message) {
        return Arguments.of(name, condition, "", CONDITION_LINE, message);
    }

    /** Patterns that match in bounded time are written as before; the shipped comparison policy uses one. */
    @org.junit.jupiter.api.Test
    void patternsThatMatchInBoundedTimeAreAllowed() {
        for (String pattern : java.util.List.of("^対象外[:：]?\\s*", "(ab)+c", "a+b*", "(a|b)?c+", "[()+*]+", "\\(a+\\)+",
                "(?:対象|除外)外")) {
            org.junit.jupiter.api.Assertions.assertNull(RegexPatterns.refusal(pattern), pattern);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forbidden")
    void isRefusedAtItsLine(String name, String condition, String action, int line, String message)
            throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("rules"), t -> t);
        Path evil = rules.resolve("evil.drl");
        Files.writeString(evil, String.join("\n",
                "package kpireview.rules;",                        // 1
                "",                                                // 2
                "import jp.kpireview.facts.KpiYear;",              // 3
                "",                                                // 4
                "// 方針: (試し) 方針でないことをするルール。",        // 5
                "rule \"evil\"",                                   // 6
                "when",                                            // 7
                "    " + condition,                                // 8
                "then",                                            // 9
                "    " + action,                                   // 10
                "end", ""));
        String validate = Cli.run("validate", "--rules", rules.toString());
        assertTrue(validate.startsWith("2\n"), name + ": " + validate);
        assertTrue(validate.lines().anyMatch(l -> l.startsWith("誤り: " + evil + ":" + line + ": ")
                && l.contains(message)), name + ": " + validate);
        String evaluate = Cli.run("evaluate", "--rules", rules.toString(), "--data", "seeds/otaru-h30.csv", "--year",
                "FY2018", "--out", dir.resolve("out").toString());
        assertTrue(evaluate.startsWith("2\n") && evaluate.contains(message), name + ": " + evaluate);
    }

    /** A table's template is rules too: a template whose action writes a file is refused at the template's line. */
    @Test
    void aTemplateThatWritesAFileIsRefusedAtItsLine() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("template"), t -> t);
        Path template = rules.resolve("区分表.drt");
        String text = Files.readString(template).replace("            .named(\"@{label}\") );",
                "            .named(\"@{label}\") );\n    java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/x\"),"
                        + " \"@{mark}\");");
        Files.writeString(template, text);
        int line = text.lines().toList().indexOf(text.lines().filter(l -> l.contains("writeString")).findFirst()
                .orElseThrow()) + 1;
        List<RuleProblem> problems = RuleTableTest.refusal(rules);
        assertTrue(problems.stream().anyMatch(p -> p.file().equals(template.toString()) && p.line() == line
                && p.message().contains("区分表.csv の ") && p.message().contains("'java' は方針の事実でも変数でも"
                + "ありません")), problems.toString());
    }

    @Test
    void importsOutsideThePolicyAndFunctionsAreRefused() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("imports"), t -> t);
        Path evil = rules.resolve("evil.drl");
        Files.writeString(evil, "package kpireview.rules;\n\nimport java.nio.file.Files;\n"
                + "import function java.lang.System.exit;\n\nfunction int twice(int x) { return 2 * x; }\n");
        String validate = Cli.run("validate", "--rules", rules.toString());
        assertTrue(validate.contains(evil + ":3: import java.nio.file.Files はできません")
                && validate.contains(evil + ":6: function twice は書けません"), validate);
    }

    @Test
    void theShippedRulesAndEveryExampleSpeakTheLanguage() throws IOException {
        List<Path> folders;
        try (Stream<Path> policies = Files.list(Path.of("examples/policies"))) {
            folders = Stream.concat(Stream.of(Path.of("rules"), Path.of("examples/policy-periods/rules/FY2015 第1期"),
                    Path.of("examples/policy-periods/rules/FY2020 第2期")), policies.sorted()).toList();
        }
        for (Path folder : folders) {
            RuleSources sources = RuleSources.read(folder, RuleFiles.of(folder));
            assertTrue(!sources.texts().isEmpty(), folder.toString());
        }
        assertEquals(12, folders.size(), folders.toString());
    }
}
