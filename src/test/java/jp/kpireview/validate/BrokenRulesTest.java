package jp.kpireview.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import jp.kpireview.cli.Cli;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ways a policy officer can break the rule folder. Each must be refused by validate and by evaluate with a
 * message that names the file (and the line where there is one) — never a stack trace.
 */
class BrokenRulesTest {

    @TempDir
    Path dir;

    /** A broken copy: {@code file} of rules/ edited, what the message must say, and the file it must name. */
    static Stream<Arguments> brokenFolders() {
        return Stream.of(
                edit("syntax error: a rule without end", "bands.drl", s -> s.replaceFirst("(?s)end\\s*$", ""),
                        "bands.drl:"),
                edit("unknown fact field", "score.drl", s -> s.replace("Reference( span != 0 )",
                        "Reference( spam != 0 )"), "score.drl:"),
                edit("wrong type in a constraint", "achievement.drl", s -> s.replace("aheadOfFinalTarget >= 0",
                        "aheadOfFinalTarget >= \"zero\""), "achievement.drl"),
                edit("a fact type misspelt", "score.drl", s -> s.replace("$r : Reference( span != 0 )",
                        "$r : Referense( span != 0 )"), "score.drl:18: ルール \"補正前スコア\": 事実の型 Referense がありません"
                        + "。Reference のことですか"),
                edit("a field misspelt", "score.drl", s -> s.replace("$r : Reference( span != 0 )",
                        "$r : Reference( spam != 0 )"), "score.drl:18: ルール \"補正前スコア\": Reference に spam はありません"
                        + "。span のことですか (Reference の値: directed, kind, kpi, origin, progress, span, value)"),
                edit("an action calling what a fact cannot do", "score.drl", s -> s.replace("$limits.clamp(",
                        "$limits.clampp("), "score.drl:41: ScoreLimits に clampp という操作はありません"),
                edit("arithmetic written with * on decimals", "score.drl", s -> s.replace("$limits.clamp($raw.value())",
                        "$limits.clamp($raw.value() * 2)"), "score.drl:35: 演算子 * は BigDecimal, int には使えません"),
                edit("text passed where a number belongs", "score.drl", s -> s.replace("$r.span()), 2) );",
                        "$r.span()), \"2\") );"), "score.drl:20: RawScore の of には (Reference, BigDecimal, String)"
                        + " を渡せません"),
                edit("a status misspelt", "score.drl", s -> s.replace("Status.REFERENCE_EQUALS_BASELINE",
                        "Status.REFERENCE_EQUALS_BASELIN"), "score.drl:30: REFERENCE_EQUALS_BASELIN という値はありません"),
                edit("a condition with a bracket too many", "score.drl", s -> s.replace("$r : Reference( span != 0 )",
                        "$r : Reference(( span != 0 )"), "score.drl:19: 「then」のところが読めません"),
                edit("a condition naming a name no condition gave", "score.drl", s -> s.replace(
                        "Reference( span != 0 )", "Reference( span > $x )"), "score.drl:18: 条件「span > $x」の $x が"
                        + "読めません"),
                edit("unknown class imported", "direction.drl", s -> s.replace("import jp.kpireview.facts.Directed;",
                        "import jp.kpireview.facts.Directions;"), "direction.drl"),
                edit("a call to an undefined method", "maintain.drl", s -> s.replace("Decimals.percentOf(",
                        "Decimals.percentsOf("), "maintain.drl"),
                edit("a threshold written as text", "許容幅.csv", s -> s.replace("\n,,5", "\n,,five"),
                        "許容幅.csv:2: 「許容幅 (%)」(C列): 'five' は数ではありません"),
                edit("a table cell: text where a number belongs", "区分表.csv", s -> s.replace("○,50,", "○,五十,"),
                        "区分表.csv:4: 「下限」(B列): '五十' は数ではありません"),
                edit("a table cell: an empty label", "区分表.csv", s -> s.replace("○,50,50~100", "○,50,"),
                        "区分表.csv:4: 「名称」(C列): 空欄です"),
                edit("a table cell: an empty mark", "区分表.csv", s -> s.replace("○,50,50~100", ",50,50~100"),
                        "区分表.csv:4: 「記号」(A列): 空欄です"),
                edit("a table cell: an edge missing", "区分表.csv", s -> s.replace("○,50,", "○,,"),
                        "区分表.csv:4: 「下限」(B列): 区分 ○ の下限が空欄です"),
                edit("a table cell: an edge on the lowest band", "区分表.csv", s -> s.replace("×,,", "×,-10,"),
                        "区分表.csv:2: 「下限」(B列): いちばん上の行は最も低い区分"),
                edit("a table cell: a quote in a label", "区分表.csv", s -> s.replace("○,50,50~100", "○,50,50\\100"),
                        "区分表.csv:4: 「名称」(C列)"),
                edit("a table: a heading edited away", "区分表.csv", s -> s.replace("記号,下限,名称", "記号,下限,"),
                        "区分表.csv:1: 「名称」の列がありません"),
                edit("a table: no rows under its headings", "スコアの範囲.csv", s -> s.replace("-100,100\n", ""),
                        "スコアの範囲.csv:2: 表に行がありません"),
                Arguments.of("duplicated rule name", "achievement.drl", (UnaryOperator<String>) s -> s
                        + "\nrule \"補正前スコア\"\nwhen\n    $s : Score()\nthen\nend\n", "同じ名前のルール「補正前スコア」がもう 1 つあります",
                        "score.drl"),
                missing("no band scale", "bands.drl", s -> s.replaceFirst("(?s)rule \"区分表\".*?\nend\n", ""),
                        "区分表 (BandScale)"),
                missing("two band scales", "bands.drl", s -> s + s.substring(s.indexOf("rule \"区分表\""))
                        .replace("\"区分表\"", "\"区分表 2\""),
                        "いまは 2 つです"),
                edit("band edges that fall", "区分表.csv", s -> s.replace("○,50,", "○,-50,"),
                        "区分表.csv:4: 「下限」(B列): 区分 ○ の境界値 -50 が前の境界値 0 より大きくありません"),
                edit("the same band mark twice", "区分表.csv", s -> s.replace("○,50,", "●,50,"),
                        "区分表.csv:4: 「記号」(A列): 区分の記号 ● が二度使われています"),
                missing("no band rule", "score-band.drl", s -> s.replaceFirst("(?s)rule \"スコアの区分\".*?\nend\n", ""),
                        "の区分をつけませんでした"),
                edit("an overlapping band rule", "score-band.drl", s -> s + "\nrule \"Everything is ◎\"\nwhen\n"
                        + "    $s : Score()\n    $scale : BandScale()\nthen\n"
                        + "    $s.kpi().outcome().band($scale.bands().get(3));\nend\n", "区分の重なり"),
                edit("clamp limits reversed", "スコアの範囲.csv", s -> s.replace("-100,100", "100,-100"),
                        "スコアの範囲.csv:2: 「上限」(B列): 上限 -100 が下限 100 より大きくありません"),
                missing("no status for a KPI without actual", "no-actual.drl",
                        s -> s.replaceFirst("(?s)rule \"その年の実績なし\".*?\nend\n", ""), "区分も状態"),
                missing("no direction table", "direction.drl",
                        s -> s.replaceFirst("(?s)rule \"方向の記号の表\".*?\nend\n", ""), "方向の記号の表"),
                edit("a symbol naming two directions", "方向の記号.csv", s -> s.replace("↘ ↓", "↘ ↗"),
                        "方向の記号.csv:3: 「記号 (空白で区切る)」(B列): 記号 ↗ は 増加 と 減少 の両方を指しています"),
                edit("a table cell: a direction that is none", "方向の記号.csv", s -> s.replace("\n減少,", "\n減る,"),
                        "方向の記号.csv:3: 「方向」(A列): 方向 '減る' は 増加・減少・維持 のどれかです"),
                edit("a table cell: which way is better, misspelt", "方向の記号.csv", s -> s.replace(
                        "減少 以下,低いほど良い", "減少 以下,低いほうが良い"),
                        "方向の記号.csv:3: 「良い向き」(C列): '低いほうが良い' は 高いほど良い か 低いほど良い です"),
                edit("a rule that fails at run time", "score.drl", s -> s.replace(
                        "insert( RawScore.of($r, Decimals.percent($r.progress(), $r.span()), 2) );",
                        "insert( RawScore.of($r, Decimals.percent($r.progress(), java.math.BigDecimal.ZERO), 2) );"),
                        "補正前スコア"),
                edit("a rule that updates its own fact without end", "achievement.drl", s -> s
                        + "\nrule \"Loop\"\nwhen\n    $s : Score()\nthen\n    update($s);\nend\n",
                        "achievement.drl:17: ルール \"Loop\" が終わらずに動き続けます"),
                edit("a rule that inserts what it matches", "achievement.drl", s -> s
                        + "\nrule \"Insert loop\"\nwhen\n    $s : Score()\nthen\n"
                        + "    insert( Score.of($s.raw(), $s.value()) );\nend\n",
                        "achievement.drl:17: ルール \"Insert loop\" が終わらずに動き続けます"),
                edit("an unknown import in a file that uses none of it", "achievement.drl", s -> s.replace(
                        "import jp.kpireview.facts.Score;", "import jp.kpireview.facts.Score;\nimport java.util.Lst;"),
                        "achievement.drl:6: import java.util.Lst: その型はありません"),
                edit("salience written as text", "achievement.drl", s -> s.replace("when\n    $s : Score( ahead",
                        "salience \"high\"\nwhen\n    $s : Score( ahead"), "achievement.drl:11: ルール"
                        + " \"目標値に達した ☆\": salience \"high\": salience は整数で書きます"),
                edit("a rule switched on by today's date", "achievement.drl", s -> s.replace(
                        "when\n    $s : Score( ahead", "date-effective \"01-Apr-2020\"\nwhen\n    $s : Score( ahead"), "date-effective 01-Apr-2020: これは今日の日付で動き"),
                edit("a logical insert (no truth maintenance here)", "score.drl", s -> s.replace(
                        "    insert( RawScore.of(", "    insertLogical( RawScore.of("), "score.drl:20: ルール \"補正前スコア\":"
                        + " insertLogical は使いません"),
                edit("a declared double (−0.0 would differ between builds)", "bands.drl", s -> s.replace(
                        "import jp.kpireview.facts.BandScale;\n", "import jp.kpireview.facts.BandScale;\n\n"
                        + "declare Margin\n    points : double\nend\n"), "bands.drl:10: declare Margin: points の型が"
                        + " double です"),
                edit("a rule attribute that is not true or false", "achievement.drl", s -> s.replace(
                        "when\n    $s : Score( ahead", "no-loop maybe\nwhen\n    $s : Score( ahead"),
                        "achievement.drl:11:"),
                missing("no ☆ rule: the file cut at a rule boundary", "achievement.drl",
                        s -> s.replaceFirst("(?s)// Policy: ☆ when.*$", ""), "☆ 目標達成"),
                missing("no summary rule", "summary.drl",
                        s -> s.replaceFirst("(?s)// Policy: a summary counts.*$", ""), "の集計 (集計する KPI) を作りませんでした"),
                missing("no score rule", "score.drl", s -> s.replaceFirst("(?s)// Policy: スコア = 補正前スコア.*$", ""),
                        "区分も状態"),
                missing("no reference rule", "reference.drl", s -> s.replaceFirst("(?s)// Policy: an actual behind.*$",
                        ""), "区分も状態"),
                Arguments.of("a file that is not UTF-8", "bands.drl", null, "UTF-8", "bands.drl"),
                Arguments.of("an empty folder", null, null, "ルールのファイル (.drl) がありません", null));
    }

    /** A copy that lacks something: the message names the folder, as no file holds what is missing. */
    private static Arguments missing(String name, String file, UnaryOperator<String> change, String expected) {
        return Arguments.of(name, file, change, expected, null);
    }

    /** A broken copy whose message must name the edited file. */
    private static Arguments edit(String name, String file, UnaryOperator<String> change, String expected) {
        return Arguments.of(name, file, change, expected, file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFolders")
    void isRefusedWithALocatedMessage(String name, String file, UnaryOperator<String> change, String expected,
            String where) throws IOException {
        Path rules = dir.resolve("rules");
        if (file == null) {
            Files.createDirectories(rules);
        } else {
            KpiFixture.copyOfRules(rules, drl -> drl);
            Path broken = rules.resolve(file);
            if (change == null) {
                Files.write(broken, new byte[] {(byte) 0x82, (byte) 0xa0, '\n'});
            } else {
                String before = Files.readString(broken);
                Files.writeString(broken, change.apply(before));
                assertFalse(before.equals(Files.readString(broken)), "the edit changed nothing: " + name);
            }
        }
        String validate = run("validate", "--rules", rules.toString());
        assertTrue(validate.startsWith("2\n"), validate);
        assertTrue(validate.contains((where == null ? rules : rules.resolve(where)).toString()), validate);
        assertTrue(validate.contains(expected), validate);
        assertFalse(validate.contains("Exception") || validate.contains("\tat "), validate);
        validate.lines().filter(l -> l.startsWith("誤り")).forEach(l -> assertEquals("", englishIn(l), l));
        String evaluate = run("evaluate", "--rules", rules.toString(), "--data", "seeds/otaru-h30.csv", "--year",
                "FY2018", "--out", dir.resolve("out").toString());
        assertTrue(evaluate.startsWith("2\n"), evaluate);
        assertFalse(Files.exists(dir.resolve("out")), "a refused folder writes nothing");
    }

    /**
     * An English phrase (two lower-case words or more, not a code's dotted name) in a message, outside what it quotes or adds in brackets (a rule's name,
     * the text of a condition, a developer's note): empty when the message speaks Japanese.
     */
    static String englishIn(String message) {
        String said = message.substring(message.indexOf(": ") + 2);
        String previous;
        do {
            previous = said;
            said = said.replaceAll("\"[^\"]*\"|'[^']*'|「[^「」]*」|\\([^()]*\\)|\\[[^\\[\\]]*]", "");
        } while (!said.equals(previous));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![\\w.])[a-z]{2,}(?: [a-z]{2,})+(?![\\w.])").matcher(said);
        return m.find() ? m.group() : "";
    }

    private static String run(String... args) {
        return Cli.run(args);
    }
}
