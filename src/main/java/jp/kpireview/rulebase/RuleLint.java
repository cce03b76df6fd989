package jp.kpireview.rulebase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Checks each rule file on its own, before the folder is built, for mistakes Drools reports in the wrong place or
 * not at all: the files share one package, so an import that cannot be resolved breaks every file and is reported
 * against another one; and some attribute values (a {@code salience} written as text) are only noticed while the
 * rules fire, with no file named. Files that do not parse are left to the build, which locates syntax errors.
 */
final class RuleLint {

    /** Attributes whose value is true or false (or absent, meaning true). */
    private static final Set<String> FLAGS = Set.of("no-loop", "lock-on-active", "auto-focus", "enabled");
    /** Attributes that tie a rule to the wall clock or to timers: meaningless when a past fiscal year is reviewed. */
    private static final Set<String> CLOCK = Set.of("date-effective", "date-expires", "timer", "duration",
            "calendars");

    /**
     * Field types a {@code declare} may not use. Every number the rules see is a BigDecimal, which has no negative
     * zero: Drools' executable model compares doubles as {@code Double.compare} does, so −0.0 {@code < 0} is true
     * there and false in the classic build (RuleCacheTest shows it).
     */
    private static final Set<String> FLOATING = Set.of("double", "float", "Double", "Float", "java.lang.Double",
            "java.lang.Float");

    private RuleLint() {
    }

    /**
     * What one parse of a file tells: its problems, and the line each of its rules is written at (the compiled rules
     * do not all remember their file). Both are empty for a file that does not parse.
     */
    record Checked(List<RuleProblem> problems, Map<String, Integer> ruleLines) {
    }

    /** @param declared the types the folder's files declare ({@code declare Name}), which patterns may use */
    static Checked check(Path file, String text, Set<String> declared) {
        PackageDescr parsed;
        DrlParser parser = new DrlParser();
        try {
            parsed = parser.parse(false, text);
        } catch (DroolsParserException | RuntimeException e) {
            return new Checked(List.of(), Map.of());
        }
        if (parsed == null || parser.hasErrors()) {
            return new Checked(List.of(), Map.of());
        }
        Map<String, Integer> ruleLines = new LinkedHashMap<>();
        for (RuleDescr rule : parsed.getRules()) {
            ruleLines.putIfAbsent(rule.getName(), rule.getLine());
        }
        return new Checked(problems(file, text, parsed, declared), ruleLines);
    }

    private static final java.util.regex.Pattern LEADING_NAME = java.util.regex.Pattern.compile(
            "^\\s*!?\\s*(?:\\$\\w+\\s*:\\s*)?([a-zA-Z_]\\w*)\\s*(\\(|\\.|==|!=|<|>|memberOf|not|contains|matches|in\\b|$)");

    /** Every pattern of a rule's conditions, however deep it is nested (not, exists, or, from …). */
    private static void patterns(org.drools.drl.ast.descr.BaseDescr descr,
            java.util.function.Consumer<org.drools.drl.ast.descr.PatternDescr> each) {
        if (descr instanceof org.drools.drl.ast.descr.PatternDescr p) {
            each.accept(p);
            if (p.getSource() != null) {
                patterns(p.getSource(), each);
            }
        } else if (descr instanceof org.drools.drl.ast.descr.ConditionalElementDescr ce) {
            for (Object child : ce.getDescrs()) {
                if (child instanceof org.drools.drl.ast.descr.BaseDescr c) {
                    patterns(c, each);
                }
            }
        } else if (descr instanceof org.drools.drl.ast.descr.AccumulateDescr a && a.getInput() != null) {
            patterns(a.getInput(), each);
        } else if (descr instanceof org.drools.drl.ast.descr.CollectDescr c && c.getInputPattern() != null) {
            patterns(c.getInputPattern(), each);
        }
    }

    /**
     * A pattern's fact type must be one the file imports or a folder declares, and each of its conditions must start
     * with a field that type has: a typo is named at its own line, with the names there are.
     */
    private static List<RuleProblem> patternProblems(Path file, String text, RuleDescr rule,
            org.drools.drl.ast.descr.PatternDescr pattern, Map<String, Class<?>> imported, Set<String> declared) {
        String typeName = pattern.getObjectType();
        Class<?> type = typeName == null ? null : imported.get(typeName);
        if (type == null && (typeName == null || typeName.contains(".") || declared.contains(typeName)
                || javaType(typeName))) {
            return List.of();
        }
        int line = pattern.getLine() > 0 ? pattern.getLine() : lineOf(text, typeName, rule.getLine());
        if (type == null) {
            List<String> known = new ArrayList<>(imported.keySet());
            known.addAll(declared);
            return List.of(new RuleProblem(file.toString(), lineOf(text, typeName + "(", line), "ルール \""
                    + rule.getName() + "\": 事実の型 " + typeName + " がありません" + closest(typeName, known)
                    + " (このファイルが import している型: " + String.join(", ", imported.keySet()) + ")"));
        }
        if (!type.getName().startsWith("jp.kpireview.") || pattern.getConstraint() == null) {
            return List.of();
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (Object c : pattern.getConstraint().getDescrs()) {
            if (!(c instanceof org.drools.drl.ast.descr.ExprConstraintDescr expr)) {
                continue;
            }
            java.util.regex.Matcher m = LEADING_NAME.matcher(expr.getExpression());
            if (!m.find() || m.group(2).equals("(") || m.group(1).equals("this") || hasField(type, m.group(1))) {
                continue;
            }
            List<String> fields = fields(type);
            problems.add(new RuleProblem(file.toString(), lineOf(text, m.group(1), line), "ルール \"" + rule.getName()
                    + "\": " + typeName + " に " + m.group(1) + " はありません" + closest(m.group(1), fields)
                    + " (" + typeName + " の値: " + String.join(", ", fields) + ")"));
        }
        return problems;
    }

    /** {@code name()}, {@code getName()} or {@code isName()}: what a condition's field reads. */
    private static boolean hasField(Class<?> type, String name) {
        return fields(type).contains(name);
    }

    /** The fields a condition can read of a fact type: its public accessors without arguments. */
    private static List<String> fields(Class<?> type) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (java.lang.reflect.Method m : type.getMethods()) {
            if (m.getParameterCount() != 0 || m.getReturnType() == void.class || m.getDeclaringClass() == Object.class
                    || java.lang.reflect.Modifier.isStatic(m.getModifiers()) || m.getName().equals("hashCode")
                    || m.getName().equals("toString")) {
                continue;
            }
            String n = m.getName();
            if (n.startsWith("get") && n.length() > 3) {
                n = Character.toLowerCase(n.charAt(3)) + n.substring(4);
            } else if (n.startsWith("is") && n.length() > 2 && Character.isUpperCase(n.charAt(2))) {
                n = Character.toLowerCase(n.charAt(2)) + n.substring(3);
            }
            names.add(n);
        }
        return List.copyOf(names);
    }

    /** {@code ; did you mean Reference?} when a known name is one or two edits away. */
    private static String closest(String word, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? "" : "。" + best + " のことですか";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                current[j] = Math.min(Math.min(current[j - 1], previous[j]) + 1,
                        previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.length()];
    }

    /** A java.lang or java.util type (Object, List …), looked up where the JDK keeps them, not in every jar. */
    private static boolean javaType(String simpleName) {
        for (String pkg : List.of("java.lang.", "java.util.")) {
            try {
                Class.forName(pkg + simpleName, false, ClassLoader.getPlatformClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // not there
            }
        }
        return false;
    }

    /** The class an import names, or null. */
    private static Class<?> load(String className) {
        String name = className;
        for (int nesting = 0; nesting < 4; nesting++) {
            try {
                return Class.forName(name, false, RuleLint.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = name.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                name = name.substring(0, dot) + "$" + name.substring(dot + 1);
            }
        }
        return null;
    }

    private static List<RuleProblem> problems(Path file, String text, PackageDescr parsed, Set<String> declared) {
        List<RuleProblem> problems = new ArrayList<>(RuleLanguage.check(file, parsed, declared));
        for (ImportDescr i : parsed.getImports()) {
            String target = i.getTarget();
            if (!target.endsWith(".*") && load(target) == null) {
                problems.add(new RuleProblem(file.toString(), i.getLine(), "import " + target
                        + ": その型はありません (綴りを確かめてください。ルールが使う事実は jp.kpireview.facts にあります)"));
            }
        }
        for (TypeDeclarationDescr type : parsed.getTypeDeclarations()) {
            for (TypeFieldDescr field : type.getFields().values()) {
                String fieldType = field.getPattern() == null ? "" : field.getPattern().getObjectType();
                if (FLOATING.contains(fieldType)) {
                    problems.add(new RuleProblem(file.toString(), field.getLine() > 0 ? field.getLine()
                            : lineOf(text, field.getFieldName(), type.getLine()), "declare " + type.getTypeName()
                            + ": " + field.getFieldName() + " の型が " + fieldType + " です。BigDecimal (スコアの型) で"
                            + "書きます: 浮動小数点の値は 0.1 をちょうど 0.1 として持てず、−0.0 が 0 より小さいかどうかが"
                            + "実行の仕方で変わります"));
                }
            }
        }
        Map<String, Class<?>> imported = new LinkedHashMap<>();
        for (ImportDescr i : parsed.getImports()) {
            Class<?> type = load(i.getTarget());
            if (type != null) {
                imported.put(type.getSimpleName(), type);
            }
        }
        for (RuleDescr rule : parsed.getRules()) {
            patterns(rule.getLhs(), pattern -> problems.addAll(patternProblems(file, text, rule, pattern, imported,
                    declared)));
            if (String.valueOf(rule.getConsequence()).contains("insertLogical")) {
                int line = lineOf(text, "insertLogical", rule.getLine());
                problems.add(new RuleProblem(file.toString(), line, "ルール \"" + rule.getName() + "\": insertLogical"
                        + " は使いません (すべてのルールを遅くする仕組みが要るため)。insert(…) で入れます。KPI の年度の事実は"
                        + "その評価の間だけあります"));
            }
            for (AttributeDescr a : rule.getAttributes().values()) {
                String problem = attributeProblem(a);
                if (problem != null) {
                    int line = a.getLine() > 0 ? a.getLine() : lineOf(text, a.getName(), rule.getLine());
                    problems.add(new RuleProblem(file.toString(), line, "ルール \"" + rule.getName() + "\": "
                            + a.getName() + " " + a.getValue() + ": " + problem));
                }
            }
        }
        return problems;
    }

    /**
     * The first line from {@code from} on that names {@code word} (the parser does not keep attributes' lines, and
     * Drools places an action's mistake at its rule's first line); {@code from} when none does.
     */
    static int lineOf(String text, String word, int from) {
        List<String> lines = text.lines().toList();
        for (int i = Math.max(from - 1, 0); i < lines.size(); i++) {
            if (lines.get(i).contains(word)) {
                return i + 1;
            }
        }
        return from;
    }

    private static String attributeProblem(AttributeDescr a) {
        String name = a.getName();
        String value = a.getValue() == null ? "" : a.getValue().strip();
        if (name.equals("salience")) {
            return value.matches("-?\\d+") || value.startsWith("(") || value.startsWith("$") ? null
                    : "salience は整数で書きます (大きいほど先に動きます)";
        }
        if (FLAGS.contains(name)) {
            return value.isEmpty() || value.equals("true") || value.equals("false") ? null : "true か false で書きます";
        }
        if (CLOCK.contains(name)) {
            return "これは今日の日付で動き、評価する年度では動きません。過去の年度の評価が日によって変わってしまうので、"
                    + "年度は条件に書きます (例: KpiYear( year >= 2020 ))";
        }
        if (name.equals("dialect")) {
            return value.equals("\"java\"") || value.equals("\"mvel\"") || value.equals("java")
                    || value.equals("mvel") ? null : "dialect は \"java\" か \"mvel\" です";
        }
        return null;
    }
}
