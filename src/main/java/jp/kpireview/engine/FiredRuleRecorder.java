package jp.kpireview.engine;

import jp.kpireview.facts.Stage;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/** Records in each KPI's outcome the name of every rule that fired for it. */
final class FiredRuleRecorder extends DefaultAgendaEventListener {

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        for (Object fact : event.getMatch().getObjects()) {
            if (fact instanceof Stage stage) {
                stage.kpi().outcome().fired(event.getMatch().getRule().getName());
                return;
            }
        }
    }
}
