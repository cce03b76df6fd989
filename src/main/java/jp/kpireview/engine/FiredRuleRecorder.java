package jp.kpireview.engine;

import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.rulebase.RuleProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.RuleStep;
import jp.kpireview.domain.Status;
import jp.kpireview.facts.Counted;
import jp.kpireview.facts.Members;
import jp.kpireview.facts.Outcome;
import jp.kpireview.facts.ProjectYear;
import jp.kpireview.facts.Stage;
import jp.kpireview.facts.Summary;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.rule.Match;

/**
 * Records, for explain, validate and the tests, every rule that fired for a KPI: its explanation in the words
 * written beside it ({@code @explain}), filled in with the values it saw and made, and its effects on the KPI's
 * outcome as typed values (band, ☆, status, data problems).
 */
final class FiredRuleRecorder extends DefaultAgendaEventListener {

    /** The rule metadata that holds a rule's explanation. */
    static final String EXPLAIN = "explain";

    /** What the outcome held before the rule fired. */
    private record Before(Status status, Band band, boolean achieved, int problems) {
    }

    /** The KPI-year the firing rule decides about; null for a rule about a summary or a table. */
    private Stage firing;
    /** The summary the firing rule is about, when it is about no KPI-year. */
    private ProjectYear firingGroup;
    private Before before;
    private final List<Object> inserted = new ArrayList<>();
    /** Every step of the session, KPI rules and summary rules alike (for coverage and checking explanations). */
    final List<RuleStep> steps = new ArrayList<>();
    /** Fill in every firing's explanation, or (false) each rule's first one only. */
    private final boolean everyExplanation;
    /** Fill in no explanation at all: the steps' effects are all that is wanted. */
    private final boolean noWords;
    private final java.util.Set<Rule> explained = new java.util.HashSet<>();

    /** The rules, to say where each step's rule is written. */
    private final RuleBase rules;

    FiredRuleRecorder(RuleBase rules, ReviewEngine.Trace trace) {
        this.rules = rules;
        this.everyExplanation = trace == ReviewEngine.Trace.WORDS;
        this.noWords = trace == ReviewEngine.Trace.STEPS;
    }

    /** Collects the facts the firing rule inserts. */
    final DefaultRuleRuntimeEventListener insertions = new DefaultRuleRuntimeEventListener() {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            inserted.add(event.getObject());
        }
    };

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        firing = null;
        firingGroup = null;
        inserted.clear();
        for (Object fact : event.getMatch().getObjects()) {
            if (firingGroup == null) {
                firingGroup = groupOf(fact);
            }
            Stage stage = stageOf(fact);
            if (stage != null) {
                firing = stage;
                Outcome o = stage.kpi().outcome();
                before = new Before(o.setStatus(), o.band(), o.achieved(), o.problems().size());
                return;
            }
        }
    }

    /**
     * The field of a type the rules declare in DRL (e.g. a margin around the baseline) that holds the KPI-year stage it
     * is about; looked up once per class (a rebuilt folder's class is another class), absent when it has none.
     */
    private static final ClassValue<java.util.Optional<java.lang.reflect.Field>> STAGE_FIELD = new ClassValue<>() {
        @Override
        protected java.util.Optional<java.lang.reflect.Field> computeValue(Class<?> type) {
            if (type.getName().startsWith("java.") || type.getName().startsWith("jp.kpireview.")) {
                return java.util.Optional.empty();
            }
            for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                if (Stage.class.isAssignableFrom(field.getType())) {
                    try {
                        field.setAccessible(true);
                        return java.util.Optional.of(field);
                    } catch (RuntimeException e) {
                        return java.util.Optional.empty();
                    }
                }
            }
            return java.util.Optional.empty();
        }
    };

    /** The summary a matched fact is about: a project's year itself, what it counts or holds, its summary. */
    private static ProjectYear groupOf(Object fact) {
        return switch (fact) {
            case ProjectYear group -> group;
            case Counted counted -> counted.group();
            case Members members -> members.group();
            case Summary summary -> summary.counted().group();
            case null, default -> null;
        };
    }

    /** The KPI-year stage a matched fact is about: the fact itself, or the stage a DRL-declared fact holds. */
    private static Stage stageOf(Object fact) {
        if (fact instanceof Stage stage) {
            return stage;
        }
        if (fact == null) {
            return null;
        }
        java.util.Optional<java.lang.reflect.Field> field = STAGE_FIELD.get(fact.getClass());
        try {
            return field.isPresent() ? (Stage) field.get().get(fact) : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Outcome o = firing == null ? null : firing.kpi().outcome();
        Band band = o != null && o.band() != before.band() ? o.band() : null;
        boolean achieved = o != null && o.achieved() && !before.achieved();
        Status status = o != null && o.setStatus() != null && !o.setStatus().equals(before.status()) ? o.setStatus() : null;
        List<String> problems = o == null ? List.of() : o.problems().stream().skip(before.problems())
                .map(p -> p.field() + ": " + p.message()).toList();
        Match match = event.getMatch();
        Rule rule = match.getRule();
        Object template = rule.getMetaData().get(EXPLAIN);
        String explanation;
        List<String> unresolved = List.of();
        if (template instanceof String words && !noWords && (everyExplanation || explained.add(rule))) {
            ExplainTemplate.Filled filled = ExplainTemplate.fill(unquoted(words), roots(match, o));
            explanation = filled.text();
            unresolved = filled.unresolved();
        } else if (template != null) {
            explanation = "";  // explained at the rule's first firing; the text is not wanted here
        } else {
            explanation = inserted.isEmpty() ? "" : jp.kpireview.domain.FiredWords.INSERTED + String.join("、",
                    inserted.stream().map(f -> f.getClass().getSimpleName()).toList());
        }
        // where the rule is written is for explain's words; finding it parses the rule files
        RuleStep step = new RuleStep(rule.getName(), everyExplanation ? place(rule) : "", explanation, band, achieved,
                status, problems, unresolved, inserted.stream().<Class<?>>map(Object::getClass).toList());
        steps.add(step);
        if (o != null) {
            o.fired(step);
        } else if (firingGroup != null) {
            firingGroup.outcome().fired(step);
        }
        firing = null;
        firingGroup = null;
        inserted.clear();
    }

    /** What an explanation may name: the rule's variables, the fact it inserted, the KPI-year and its outcome. */
    private Map<String, Object> roots(Match match, Outcome outcome) {
        Map<String, Object> roots = new LinkedHashMap<>();
        for (String id : match.getDeclarationIds()) {
            roots.put(id.startsWith("$") ? id : "$" + id, match.getDeclarationValue(id));
            roots.put(id, match.getDeclarationValue(id));
        }
        roots.put("new", inserted.isEmpty() ? null : inserted.get(inserted.size() - 1));
        if (firing != null) {
            roots.put("kpi", firing.kpi());
            roots.put("outcome", outcome);
        }
        return roots;
    }

    /** Drools keeps the quotes of some metadata values. */
    static String unquoted(String value) {
        String v = value.strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /** {@code reference.drl:53}: the rule's file and the line of its header, for a policy officer to open. */
    private String place(Rule rule) {
        RuleProblem at = rules.locate(rule);
        return at.line() > 0 ? Path.of(at.file()).getFileName() + ":" + at.line() : "";
    }
}
