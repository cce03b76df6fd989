package jp.kpireview.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.RuleStep;
import jp.kpireview.domain.Status;
import jp.kpireview.facts.Outcome;
import jp.kpireview.facts.Stage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;

/**
 * Records, for explain and the tests, every rule that fired for a KPI and what it concluded: the stages it inserted
 * and what it wrote to the KPI's outcome (band, ☆, status, data problems).
 */
final class FiredRuleRecorder extends DefaultAgendaEventListener {

    /** What the outcome held before the rule fired. */
    private record Before(Status status, Band band, boolean achieved, int problems) {
    }

    private Outcome firing;
    private Before before;
    private final List<String> effects = new ArrayList<>();
    /** Every rule that fired in the session, KPI rules and summary rules alike (for scenario coverage). */
    final Set<String> fired = new TreeSet<>();

    /** Collects the stages the firing rule inserts. */
    final DefaultRuleRuntimeEventListener insertions = new DefaultRuleRuntimeEventListener() {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (firing != null && event.getObject() instanceof Stage stage) {
                effects.add(stage.explain());
            }
        }
    };

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        fired.add(event.getMatch().getRule().getName());
        firing = null;
        effects.clear();
        for (Object fact : event.getMatch().getObjects()) {
            if (fact instanceof Stage stage) {
                firing = stage.kpi().outcome();
                before = new Before(firing.status(), firing.band(), firing.achieved(), firing.problems().size());
                return;
            }
        }
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        if (firing == null) {
            return;
        }
        if (firing.band() != before.band() && firing.band() != null) {
            effects.add("band: " + firing.band().mark() + " " + firing.band().label());
        }
        if (firing.achieved() && !before.achieved()) {
            effects.add("☆: the final target is reached");
        }
        if (firing.status() != before.status() && firing.status() != Status.SCORED && firing.status() != null) {
            effects.add("not scored: " + firing.status().code().replace('_', ' '));
        }
        firing.problems().stream().skip(before.problems())
                .forEach(p -> effects.add("data error: " + p.field() + ": " + p.message()));
        Rule rule = event.getMatch().getRule();
        firing.fired(new RuleStep(rule.getName(), file(rule), effects));
        firing = null;
    }

    private static String file(Rule rule) {
        if (rule instanceof RuleImpl impl && impl.getResource() != null && impl.getResource().getSourcePath() != null) {
            return Path.of(impl.getResource().getSourcePath()).getFileName().toString();
        }
        return "";
    }
}
