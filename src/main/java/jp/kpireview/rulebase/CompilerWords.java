package jp.kpireview.rulebase;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drools' and the Java compiler's messages about a rule, said in an officer's words: a Japanese sentence, and the
 * piece of the rule it is about, so that the error can be placed at the line that holds it (Drools places a mistake
 * in an action at the rule's first line). A message no phrase knows is said as a sentence that Drools could not read
 * the rule; {@code KPI_REVIEW_DEBUG=1} adds Drools' own text to every message, for the developers.
 */
public final class CompilerWords {

    /** @param near the text of the rule the message is about (a name, an expression); null when it names none */
    public record Said(String text, String near) {
    }

    /**
     * One message Drools or the Java compiler gives, and how to say it; {@code near} is the group that holds the rule
     * text the message is about (0: none).
     */
    private record Phrase(Pattern english, String japanese, int near) {
    }

    private static final String NUMBERS = "数 (BigDecimal) の計算は add・subtract・multiply や Decimals の操作で書きます";

    private static final List<Phrase> PHRASES = List.of(
            phrase("The method (\\w+)\\((.*?)\\) is undefined for the type (\\w+)",
                    "$3 に $1 という操作はありません (綴りを確かめてください)", 1),
            phrase("The method (\\w+)\\((.*?)\\) in the type (\\w+) is not applicable for the arguments \\((.*?)\\)",
                    "$3 の $1 には ($4) を渡せません。渡せるのは ($2) です", 1),
            phrase("The operator (\\S+) is undefined for the argument type\\(s\\) (.+)",
                    "演算子 $1 は $2 には使えません。" + NUMBERS, 0),
            phrase("The constructor (\\w+)\\((.*?)\\) is undefined", "$1 を ($2) から作ることはできません", 1),
            phrase("(\\S+) cannot be resolved or is not a field", "$1 という値はありません (綴りを確かめてください)", 1),
            phrase("(\\S+) cannot be resolved to a variable",
                    "$1 という名前はありません (条件で「\\$名前 :」と名付けたものか、綴りを確かめてください)", 1),
            phrase("(\\S+) cannot be resolved to a type", "$1 という型はありません (綴りと import を確かめてください)", 1),
            phrase("(\\S+) cannot be resolved", "$1 という名前はありません (綴りを確かめてください)", 1),
            phrase("Type mismatch: cannot convert from (\\S+) to (\\S+)", "型が合いません: $1 を $2 として使えません", 0),
            phrase("Duplicate rule name: (.+)", "同じ名前のルール「$1」がもう 1 つあります。名前を変えてください", 0),
            phrase("Syntax error on tokens?,? \"?(.*?)\"?,? .*", "「$1」のところが文として読めません", 1),
            phrase("Syntax error,? .*", "文として読めません (括弧とセミコロン ; を確かめてください)", 0),
            phrase("mismatched input '(.*?)'(?: expecting .*?)?(?: in rule \"(.*?)\")?",
                    "「$1」のところが読めません (when・then・end の並び、括弧、コンマを確かめてください)", 0),
            phrase("no viable alternative at input '(.*?)'(?: in rule \"(.*?)\")?",
                    "「$1」のところが読めません (括弧とコンマ、書きかけの条件がないかを確かめてください)", 0),
            phrase("extraneous input '(.*?)'.*", "「$1」は余分です", 0),
            phrase("missing (.+?) at '(.*?)'.*", "「$2」の前に $1 が要ります", 0),
            phrase("Unable to Analyse Expression (.+?):\\s*\\[Error: unable to resolve method using strict-mode: "
                    + "[\\w.$]*\\.(\\$?\\w+)\\(\\)].*", "条件「$1」の $2 が読めません (事実の値か、条件で名付けた名前を書きます)", 1),
            phrase("Unable to Analyse Expression (.+?):.*", "条件「$1」が読めません", 1),
            phrase("Error evaluating constraint '(.+?)' in \\[Rule \"(.*?)\".*",
                    "ルール「$2」の条件「$1」を計算できません (数と文字を比べていないかなど、値の種類を確かめてください)", 1),
            phrase(".*is neither a decimal digit number.*",
                    "条件を計算できません: 数を書くところに数でないものがあります (数と文字を比べていないかを確かめてください)", 0),
            phrase("Unable to resolve ObjectType '(.+?)'.*", "事実の型 $1 がありません (綴りと import を確かめてください)", 1),
            phrase("Unable to find class '(.+?)'.*", "$1 という型はありません (綴りと import を確かめてください)", 1));

    private CompilerWords() {
    }

    private static Phrase phrase(String english, String japanese, int near) {
        return new Phrase(Pattern.compile(english, Pattern.DOTALL), japanese, near);
    }

    /** {@code drools} (a message already stripped of Drools' own prefixes) in an officer's words. */
    public static Said say(String drools) {
        String message = drools == null ? "" : drools.strip();
        for (Phrase phrase : PHRASES) {
            Matcher m = phrase.english().matcher(message);
            if (m.matches()) {
                String near = phrase.near() == 0 ? null : m.group(phrase.near());
                return new Said(withOriginal(m.replaceFirst(phrase.japanese()), message), near);
            }
        }
        return new Said(withOriginal("Drools がこのルールを読めませんでした。直前に変えたところを確かめてください"
                + " (KPI_REVIEW_DEBUG=1 をつけて実行すると Drools の原文が出ます)", message), null);
    }

    /** Drools' own text after the sentence, when the developers ask for it. */
    private static String withOriginal(String text, String original) {
        return System.getenv("KPI_REVIEW_DEBUG") == null || original.isEmpty() ? text
                : text + " [Drools: " + original + "]";
    }
}
