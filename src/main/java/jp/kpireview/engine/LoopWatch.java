package jp.kpireview.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.Match;

/**
 * Watches a runaway session fire a little longer and names the rules that make the loop, not every rule it drives.
 * A rule that inserts (or updates) what its own condition matches, directly or through other rules, fires again on
 * its own work: the loop is the rules that, following "this rule fired on a fact that rule made", lead back to
 * themselves. The rules downstream of the loop (a score made from each new fact, its band…) fire as often but lead
 * nowhere back, so the officer is shown the rule to mend and not the sound rules after it.
 */
final class LoopWatch implements RuleRuntimeEventListener {

    /** Which rule made each fact inserted or updated in the window (facts Java inserted are not in it). */
    private final Map<Object, Rule> madeBy = new IdentityHashMap<>();
    /** Firings per rule in the window, in the order the rules first fired. */
    private final Map<Rule, Integer> firings = new LinkedHashMap<>();
    /** Rule → the rules that fired on a fact it made. */
    private final Map<Rule, Set<Rule>> feeds = new HashMap<>();

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getRule() != null) {
            madeBy.put(event.getObject(), event.getRule());
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        if (event.getRule() != null) {
            madeBy.put(event.getObject(), event.getRule());
        }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // a deleted fact feeds no later firing
    }

    /** A match about to fire (or just fired): counted, and linked to the rules that made its facts. */
    void fired(Match match) {
        Rule rule = match.getRule();
        firings.merge(rule, 1, Integer::sum);
        for (Object fact : match.getObjects()) {
            Rule maker = fact == null ? null : madeBy.get(fact);
            if (maker != null) {
                feeds.computeIfAbsent(maker, r -> new HashSet<>()).add(rule);
            }
        }
    }

    /** Whether some rule has been seen to fire, directly or through others, on a fact it made. */
    boolean loopSeen() {
        return firings.keySet().stream().anyMatch(this::leadsBackToItself);
    }

    /**
     * The rules of the loop, most firings first; when no rule was seen to feed itself (a loop through facts made
     * before the window only), the rules that fired most, as before: those within a tenth of the busiest.
     */
    List<Rule> loop() {
        List<Rule> byFirings = new ArrayList<>(firings.keySet());
        byFirings.sort(Comparator.comparing(firings::get, Comparator.reverseOrder()));
        List<Rule> looping = byFirings.stream().filter(this::leadsBackToItself).toList();
        if (!looping.isEmpty()) {
            return looping;
        }
        int most = byFirings.isEmpty() ? 0 : firings.get(byFirings.get(0));
        return byFirings.stream().filter(r -> firings.get(r) * 10 >= most).toList();
    }

    private boolean leadsBackToItself(Rule start) {
        Set<Rule> seen = new HashSet<>();
        List<Rule> next = new ArrayList<>(feeds.getOrDefault(start, Set.of()));
        while (!next.isEmpty()) {
            Rule rule = next.removeLast();
            if (rule.equals(start)) {
                return true;
            }
            if (seen.add(rule)) {
                next.addAll(feeds.getOrDefault(rule, Set.of()));
            }
        }
        return false;
    }
}
