package jp.kpireview.rulebase;

import com.github.javaparser.ParseProblemException;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.stmt.AssertStmt;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.mvel.parser.DrlxParser;
import org.drools.mvel.parser.ParseStart;
import org.drools.mvel.parser.ast.expr.DrlxExpression;

/**
 * The language a rule may speak: policy, not code. A rule's conditions and actions may use the facts and words of the
 * policy (the types of {@code jp.kpireview.facts} and {@code jp.kpireview.domain}), numbers ({@code java.math},
 * {@code Math.max/min/abs}), text, literals and operators, Drools' {@code insert} and {@code drools.getRule()}; they
 * may not loop, make threads, reach files, the network, {@code System} or reflection, create other objects, define
 * functions, or grow a number or a text without bound (division and rounding are {@code Decimals}', at the
 * policy's precision; a BigDecimal is written as plain digits). Anyone who can edit the rules folder could otherwise run any
 * Java inside the service ({@code while (true) {}} in an action held a thread for good; {@code System.exit(0)} ended
 * validate with the exit code that means "fine"). The check is made on the parsed rule — Drools' own parser for the
 * rule's parts, JavaParser for its actions, Drools' DRLX parser for its conditions — never on the text, and every
 * refusal is located at its file and line (a table's rule at its template's line).
 */
final class RuleLanguage {

    /** Packages whose types a rule may import. */
    private static final List<String> IMPORTABLE = List.of("jp.kpireview.facts.", "jp.kpireview.domain.",
            "java.math.");
    /** Single types a rule may import besides: a list is what {@code collect} gives. */
    private static final Set<String> IMPORTABLE_TYPES = Set.of("java.util.List");
    /** Types of java.lang a rule may name without importing them: Math.max, min, abs. */
    private static final Set<String> LANG_TYPES = Set.of("Math");
    /** Calls no rule needs and that reach past the policy: reflection, threads, the process. */
    private static final Set<String> FORBIDDEN_CALLS = Set.of("getClass", "getClassLoader", "forName", "invoke",
            "newInstance", "setAccessible", "getDeclaredField", "getDeclaredFields", "getDeclaredMethod",
            "getDeclaredMethods", "getMethod", "getField", "wait", "notify", "notifyAll", "exit", "halt", "exec",
            "getRuntime", "load", "loadLibrary", "start", "sleep", "join", "interrupt", "getKieRuntime",
            "getKnowledgeRuntime", "getWorkingMemory", "getEntryPoint", "getChannels", "setGlobal", "getGlobal");
    /**
     * Calls that make a number or a text as large as an argument says (a.pow(100).pow(100) has a million digits;
     * a division to 10⁹ places never ends): the policy's arithmetic is in {@code Decimals}, at the precision it needs.
     */
    private static final Set<String> GROWING_CALLS = Set.of("pow", "repeat", "scaleByPowerOfTen", "setScale",
            "movePointLeft", "movePointRight", "divide", "divideToIntegralValue", "remainder", "divideAndRemainder",
            "sqrt", "round", "format", "formatted", "toPlainString", "toEngineeringString", "toBigInteger",
            "toBigIntegerExact", "nCopies", "fill");
    /** Calls that take a regular expression: its shape decides how long matching takes ({@link RegexPatterns}). */
    private static final Set<String> REGEX_CALLS = Set.of("matches", "replaceAll", "replaceFirst", "split");
    /** A number a rule writes: plain digits, as the tables' cells are (no exponent: 1E+999999999 is refused). */
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("-?\\d{1,15}(\\.\\d{1,10})?");
    /** What an action may call without a receiver: Drools' own verbs. */
    /** Types of java.math that are not numbers a rule makes: a MathContext of 10⁹ digits never ends. */
    private static final Set<String> MATH_TYPES = Set.of("MathContext", "BigInteger");
    private static final Set<String> VERBS = Set.of("insert", "delete", "retract", "update");
    private static final Set<String> OPERATORS = Set.of("memberOf", "matches", "contains", "excludes", "soundslike",
            "str", "in", "not");
    private static final String ALLOWED = "ルールに書けるのは方針だけです: 事実 (jp.kpireview.facts / domain の型) と"
            + "その値、数 (BigDecimal、Math.max / min / abs)、文字、insert、drools.getRule() です";

    private final Path file;
    private final Set<String> types = new HashSet<>(LANG_TYPES);
    /** The policy's own types (jp.kpireview's and those the rules declare): their methods are the vocabulary. */
    private final Set<String> ownTypes = new HashSet<>();
    private final List<RuleProblem> problems = new ArrayList<>();

    private RuleLanguage(Path file) {
        this.file = file;
    }

    /**
     * What in {@code parsed} is not the policy's language, at its lines.
     *
     * @param declared the types the folder's rules declare ({@code declare NearBaseline}): facts of the policy too
     */
    static List<RuleProblem> check(Path file, PackageDescr parsed, Set<String> declared) {
        RuleLanguage check = new RuleLanguage(file);
        check.types.addAll(declared);
        check.ownTypes.addAll(declared);
        check.imports(parsed);
        for (FunctionDescr function : parsed.getFunctions()) {
            check.refuse(function.getLine(), "function " + function.getName() + " は書けません。計算が要る条件は、"
                    + "名前のついた事実をルールで作ります (a DRL function runs any Java)");
        }
        for (FunctionImportDescr imported : parsed.getFunctionImports()) {
            check.refuse(imported.getLine(), "import function / static は書けません: " + imported.getTarget());
        }
        for (RuleDescr rule : parsed.getRules()) {
            check.rule(rule);
        }
        return check.problems;
    }

    private void imports(PackageDescr parsed) {
        for (ImportDescr imported : parsed.getImports()) {
            String target = imported.getTarget();
            if (IMPORTABLE_TYPES.contains(target) || IMPORTABLE.stream().anyMatch(p -> target.startsWith(p)
                    && !target.substring(p.length()).contains("."))) {
                String simple = target.substring(target.lastIndexOf('.') + 1);
                types.add(simple);
                if (target.startsWith("jp.kpireview.")) {
                    ownTypes.add(simple);
                }
                if (target.endsWith(".*")) {
                    refuse(imported.getLine(), "import は型を一つずつ書きます: " + target);
                }
            } else {
                refuse(imported.getLine(), "import " + target + " はできません。import できるのは jp.kpireview.facts、"
                        + "jp.kpireview.domain、java.math の型と java.util.List です");
            }
        }
    }

    private void rule(RuleDescr rule) {
        Set<String> bound = new HashSet<>();
        conditions(rule.getLhs(), bound);
        Object consequence = rule.getConsequence();
        if (consequence == null || consequence.toString().isBlank()) {
            return;
        }
        BlockStmt block;
        try {
            block = StaticJavaParser.parseBlock("{" + consequence + "\n}");
        } catch (ParseProblemException e) {
            refuse(rule.getConsequenceLine(), "ルール \"" + rule.getName() + "\" の then の後は、文として読めません"
                    + " (modify などの Drools の書き方も使いません): " + ALLOWED);
            return;
        }
        // Drools gives the action from the line after "then" (the line it gives), where JavaParser's line 1 is
        int base = rule.getConsequenceLine();
        block.findAll(VariableDeclarator.class).forEach(v -> bound.add(v.getNameAsString()));
        new Walk(rule.getName(), base, bound, true).check(block);
    }

    /** Every constraint, {@code from}, {@code accumulate} and {@code eval} of the conditions. */
    private void conditions(BaseDescr descr, Set<String> bound) {
        if (descr instanceof PatternDescr p) {
            if (p.getIdentifier() != null) {
                bound.add(p.getIdentifier());
            }
            for (BaseDescr constraint : p.getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expr) {
                    expression(expr.getExpression(), expr.getLine(), bound);
                }
            }
            if (p.getSource() instanceof FromDescr from) {
                expression(from.getDataSource().getText(), from.getLine(), bound);
            } else if (p.getSource() instanceof AccumulateDescr acc) {
                conditions(acc.getInput(), bound);
                acc.getFunctions().forEach(f -> java.util.Arrays.stream(f.getParams())
                        .forEach(param -> expression(param, acc.getLine(), bound)));
            } else if (p.getSource() != null) {
                conditions(p.getSource(), bound);
            }
        } else if (descr instanceof EvalDescr eval) {
            expression(String.valueOf(eval.getContent()), eval.getLine(), bound);
        } else if (descr instanceof org.drools.drl.ast.descr.CollectDescr collect) {
            conditions(collect.getInputPattern(), bound);
        } else if (descr instanceof ConditionalElementDescr ce) {
            ce.getDescrs().forEach(child -> conditions((BaseDescr) child, bound));
        }
    }

    private void expression(String text, int line, Set<String> bound) {
        if (text == null || text.isBlank()) {
            return;
        }
        DrlxExpression parsed;
        try {
            ParseStart<DrlxExpression> start = DrlxParser.buildDrlxParserWithArguments(OPERATORS);
            parsed = DrlxParser.parseExpression(start, text);
        } catch (RuntimeException e) {
            return;  // what Drools cannot parse, it refuses at build time with its own located error
        }
        // a binding ($x : field) names a variable from here on
        if (parsed.getBind() != null) {
            bound.add(parsed.getBind().asString());
        }
        // the DRLX parser counts lines from 0
        new Walk("", line, bound, false).check(parsed.getExpr());
    }

    private void refuse(int line, String message) {
        RuleProblem problem = new RuleProblem(file.toString(), Math.max(line, 0), message);
        if (!problems.contains(problem)) {
            problems.add(problem);  // a name used twice on a line is one mistake
        }
    }

    /**
     * One walk over a parsed action or condition. In an action every name must be a variable, a type of the policy
     * or {@code drools}; in a condition a bare lower-case name is a field of the pattern's fact, and only a
     * capitalised one (a type) or a package name must be checked.
     */
    private final class Walk {

        private final String rule;
        private final int base;
        private final Set<String> bound;
        private final boolean action;

        Walk(String rule, int base, Set<String> bound, boolean action) {
            this.rule = rule;
            this.base = base;
            this.bound = bound;
            this.action = action;
        }

        void check(Node root) {
            root.walk(node -> {
                String refusal = refusal(node);
                if (refusal != null) {
                    int line = node.getBegin().map(p -> p.line).orElse(1);
                    refuse(base + line, (rule.isEmpty() ? "" : "ルール \"" + rule + "\": ") + refusal + "。" + ALLOWED);
                }
            });
        }

        private String refusal(Node node) {
            return switch (node) {
                case WhileStmt w -> "繰り返し (while) は書けません";
                case DoStmt d -> "繰り返し (do) は書けません";
                case ForStmt f -> "繰り返し (for) は書けません";
                case ForEachStmt f -> "繰り返し (for) は書けません";
                case TryStmt t -> "try は書けません";
                case ThrowStmt t -> "throw は書けません";
                case SynchronizedStmt s -> "synchronized は書けません";
                case LabeledStmt l -> "ラベルつきの文は書けません";
                case LocalClassDeclarationStmt c -> "クラスは書けません";
                case LocalRecordDeclarationStmt c -> "record は書けません";
                case SwitchStmt s -> "switch は書けません";
                case SwitchExpr s -> "switch は書けません";
                case AssertStmt a -> "assert は書けません";
                case LambdaExpr l -> "ラムダ式 (->) は書けません";
                case MethodReferenceExpr m -> "メソッド参照 (::) は書けません";
                case ClassExpr c -> "クラス (.class) は使えません";
                case ArrayCreationExpr a -> "配列は作れません";
                case ObjectCreationExpr o -> creation(o);
                case MethodCallExpr m -> call(m);
                case NameExpr n -> name(n);
                case org.drools.mvel.parser.ast.expr.PointFreeExpr p -> pointFree(p);
                default -> null;
            };
        }

        private String creation(ObjectCreationExpr o) {
            if (o.getAnonymousClassBody().isPresent()) {
                return "無名クラスは書けません";
            }
            String type = o.getType().getNameWithScope();
            if (type.equals("BigDecimal")) {
                boolean plain = o.getArguments().size() == 1 && o.getArgument(0) instanceof LiteralStringValueExpr v
                        && PLAIN.matcher(v.getValue()).matches();
                return plain ? null : "new BigDecimal(…) には数を文字で書きます (例: new BigDecimal(\"0.20\"))";
            }
            boolean policyType = types.contains(type) && !LANG_TYPES.contains(type) && !MATH_TYPES.contains(type);
            return policyType ? null : "new " + type + " は書けません (作れるのは方針の事実と BigDecimal です)";
        }

        private String call(MethodCallExpr m) {
            String name = m.getNameAsString();
            if (FORBIDDEN_CALLS.contains(name)) {
                return name + "(…) は呼べません";
            }
            boolean own = m.getScope().filter(s -> s instanceof NameExpr n && ownTypes.contains(n.getNameAsString()))
                    .isPresent();
            if (GROWING_CALLS.contains(name) && !own) {
                return name + "(…) は呼べません: 割り算・丸めは Decimals (percent、round …) で、方針の桁数で書きます";
            }
            if (m.getScope().isEmpty()) {
                return !action || VERBS.contains(name) ? null : name + "(…) は呼べません (関数は書けません)";
            }
            if (REGEX_CALLS.contains(name) && !own) {
                String refusal = m.getArguments().isEmpty() ? null : pattern(m.getArgument(0));
                if (refusal != null) {
                    return name + "(…): " + refusal;
                }
            }
            Expression scope = m.getScope().get();
            if (scope instanceof NameExpr n && n.getNameAsString().equals("drools") && !name.equals("getRule")) {
                return "drools." + name + "(…) は呼べません (使えるのは drools.getRule() です)";
            }
            return null;
        }

        /** A pattern must be written in the rule, and of a shape that matches in bounded time. */
        private String pattern(Expression argument) {
            if (!(argument instanceof com.github.javaparser.ast.expr.StringLiteralExpr text)) {
                return "パターンは \"…\" で書きます";
            }
            return RegexPatterns.refusal(text.asString());
        }

        /** {@code note matches "…"} in a condition. */
        private String pointFree(org.drools.mvel.parser.ast.expr.PointFreeExpr p) {
            if (!p.getOperator().asString().equals("matches") || p.getRight().isEmpty()) {
                return null;
            }
            String refusal = pattern(p.getRight().get(0));
            return refusal == null ? null : "matches: " + refusal;
        }

        private String name(NameExpr n) {
            String name = n.getNameAsString();
            if (n.getParentNode().filter(p -> p instanceof FieldAccessExpr f && f.getScope() != n).isPresent()) {
                return null;  // the field's own name, not a name to resolve
            }
            if (bound.contains(name) || types.contains(name) || name.equals("drools")) {
                return null;
            }
            boolean capitalised = !name.isEmpty() && Character.isUpperCase(name.charAt(0));
            boolean packageRoot = Set.of("java", "javax", "jdk", "sun", "com", "org", "kotlin", "groovy")
                    .contains(name.toLowerCase(Locale.ROOT));
            if (action || capitalised || packageRoot) {
                return "'" + name + "' は方針の事実でも変数でもありません";
            }
            return null;
        }
    }
}
