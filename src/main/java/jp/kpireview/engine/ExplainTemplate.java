package jp.kpireview.engine;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills in the words a rule explains itself with, {@code @explain("補正前スコア = ({$r.kpi.actual} − …")}: each
 * {@code {root.path}} names a value the rule saw or made — {@code $x} a variable the rule binds, {@code new} the fact
 * it inserted, {@code kpi} the KPI-year and {@code outcome} what the rules have concluded about it so far — followed
 * by field names ({@code $r.kpi.finalTarget}). Numbers are shown as written, with at most 4 decimals (a straight-path target can have 34).
 */
final class ExplainTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
    /**
     * Accessors found, per class: keyed by the class itself, not its name, since every rebuild of a folder that
     * declares a type in DRL makes a new class of the same name (and a class value does not keep it alive).
     */
    private static final ClassValue<Map<String, Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private static final Object MISSING = new Object();

    private ExplainTemplate() {
    }

    /** The filled-in text, and the placeholders that named nothing. */
    record Filled(String text, List<String> unresolved) {
    }

    static Filled fill(String template, Map<String, Object> roots) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        List<String> unresolved = new ArrayList<>();
        while (m.find()) {
            Object value = resolve(m.group(1).strip(), roots);
            String shown;
            if (value == MISSING) {
                unresolved.add(m.group(1));
                shown = "{?" + m.group(1) + "}";
            } else {
                shown = shown(value);
            }
            m.appendReplacement(text, Matcher.quoteReplacement(shown));
        }
        m.appendTail(text);
        // a placeholder that names nothing here (the table row of a band a DRL rule wrote) leaves no trailing space
        return new Filled(text.toString().strip(), unresolved);
    }

    private static Object resolve(String path, Map<String, Object> roots) {
        String[] parts = path.split("\\.");
        if (!roots.containsKey(parts[0])) {
            return MISSING;
        }
        Object value = roots.get(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            if (value == null) {
                return null;
            }
            Method accessor = accessor(value.getClass(), parts[i]);
            if (accessor == null) {
                return MISSING;
            }
            try {
                value = accessor.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return MISSING;
            }
        }
        return value;
    }

    /** {@code name()} (a record component) or {@code getName()}/{@code isName()}; public and without arguments. */
    private static Method accessor(Class<?> type, String name) {
        Map<String, Method> known = ACCESSORS.get(type);
        Method found = known.get(name);
        if (found != null) {
            return found;
        }
        String capital = name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : List.of(name, "get" + capital, "is" + capital)) {
            try {
                Method method = type.getMethod(candidate);
                if (method.getReturnType() != void.class) {
                    known.put(name, method);
                    return method;
                }
            } catch (NoSuchMethodException e) {
                // try the next spelling
            }
        }
        return null;
    }

    /** A value as a person reads it: 94.74, 93 (not 93.0000…), increase, — for nothing. */
    static String shown(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof BigDecimal number) {
            if (number.scale() <= 4) {
                return number.toPlainString();  // as written or as the rule rounded it: 100.00 stays 100.00
            }
            BigDecimal shown = number.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
            return (shown.scale() < 0 ? shown.setScale(0) : shown).toPlainString();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof jp.kpireview.domain.Band band) {
            return band.mark() + " " + band.label();
        }
        return value.toString();
    }
}
