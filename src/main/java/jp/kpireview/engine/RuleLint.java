package jp.kpireview.engine;

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

    static Checked check(Path file, String text) {
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
        return new Checked(problems(file, text, parsed), ruleLines);
    }

    private static List<RuleProblem> problems(Path file, String text, PackageDescr parsed) {
        List<RuleProblem> problems = new ArrayList<>();
        for (ImportDescr i : parsed.getImports()) {
            String target = i.getTarget();
            if (!target.endsWith(".*") && !resolves(target)) {
                problems.add(new RuleProblem(file.toString(), i.getLine(), "import " + target
                        + ": no such class (check the spelling; the facts the rules can use are in jp.kpireview.facts)"));
            }
        }
        for (TypeDeclarationDescr type : parsed.getTypeDeclarations()) {
            for (TypeFieldDescr field : type.getFields().values()) {
                String fieldType = field.getPattern() == null ? "" : field.getPattern().getObjectType();
                if (FLOATING.contains(fieldType)) {
                    problems.add(new RuleProblem(file.toString(), field.getLine() > 0 ? field.getLine()
                            : lineOf(text, field.getFieldName(), type.getLine()), "declare " + type.getTypeName()
                            + ": field " + field.getFieldName() + " is " + fieldType + "; write BigDecimal (the"
                            + " scores' type): a floating-point value can be −0.0, which Drools' executable model puts"
                            + " below 0 while Java's < does not, and 0.1 is not exactly 0.1"));
                }
            }
        }
        for (RuleDescr rule : parsed.getRules()) {
            if (String.valueOf(rule.getConsequence()).contains("insertLogical")) {
                int line = lineOf(text, "insertLogical", rule.getLine());
                problems.add(new RuleProblem(file.toString(), line, "rule \"" + rule.getName() + "\": insertLogical"
                        + " needs truth maintenance, which kpi-review leaves out (it slows every rule): insert the"
                        + " fact with insert(…); a KPI-year's facts live only as long as its review"));
            }
            for (AttributeDescr a : rule.getAttributes().values()) {
                String problem = attributeProblem(a);
                if (problem != null) {
                    int line = a.getLine() > 0 ? a.getLine() : lineOf(text, a.getName(), rule.getLine());
                    problems.add(new RuleProblem(file.toString(), line, "rule \"" + rule.getName() + "\": "
                            + a.getName() + " " + a.getValue() + ": " + problem));
                }
            }
        }
        return problems;
    }

    /** The first line from {@code from} on that names {@code word} (the parser does not keep attributes' lines). */
    private static int lineOf(String text, String word, int from) {
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
                    : "salience must be a whole number (higher fires first)";
        }
        if (FLAGS.contains(name)) {
            return value.isEmpty() || value.equals("true") || value.equals("false") ? null : "write true or false";
        }
        if (CLOCK.contains(name)) {
            return "this follows today's date, not the fiscal year being reviewed, so a past year would be scored"
                    + " differently from one day to the next; write the year in the condition instead"
                    + " (e.g. KpiYear( year >= 2020 ))";
        }
        if (name.equals("dialect")) {
            return value.equals("\"java\"") || value.equals("\"mvel\"") || value.equals("java")
                    || value.equals("mvel") ? null : "the dialect is \"java\" or \"mvel\"";
        }
        return null;
    }

    private static boolean resolves(String className) {
        String name = className;
        for (int nesting = 0; nesting < 4; nesting++) {
            try {
                Class.forName(name, false, RuleLint.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // a nested class is written Outer.Inner in an import, Outer$Inner for the class loader
                int dot = name.lastIndexOf('.');
                if (dot < 0) {
                    return false;
                }
                name = name.substring(0, dot) + "$" + name.substring(dot + 1);
            }
        }
        return false;
    }
}
