package jp.kpireview.engine;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import jp.kpireview.domain.Terms;
import jp.kpireview.facts.BandScale;
import jp.kpireview.facts.DirectionSymbols;
import jp.kpireview.facts.Grades;
import jp.kpireview.rulebase.RuleProblem;
import jp.kpireview.rulebase.RuleSetException;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;

/**
 * The tables a session's rules made (the band scale, the direction symbols, the words, the grades), each required
 * once: a policy without its band table, or with two, is an error naming its folder.
 */
final class TablesReader {

    private TablesReader() {
    }

    private static <T> T single(KieSession session, Class<T> type, String what, Path folder) {
        Collection<?> found = session.getObjects(new ClassObjectFilter(type));
        if (found.size() != 1) {
            throw new RuleSetException(new RuleProblem(folder.toString(), 0,
                    "ルールは " + what + " をちょうど一つ作ります。いまは " + found.size() + " つです"));
        }
        return type.cast(found.iterator().next());
    }

    static ReviewEngine.Tables read(KieSession session, Path folder) {
        Collection<?> grades = session.getObjects(new ClassObjectFilter(Grades.class));
        if (grades.size() > 1) {
            throw new RuleSetException(new RuleProblem(folder.toString(), 0,
                    "評価の表 (Grades) は一つまでです。いまは " + grades.size() + " つです"));
        }
        BandScale scale = single(session, BandScale.class, "区分表 (BandScale)", folder);
        return new ReviewEngine.Tables(scale.bands(), scale.bands().stream().map(scale::rowOf).toList(),
                single(session, DirectionSymbols.class, "方向の記号の表 (DirectionSymbols)", folder),
                grades.isEmpty() ? List.of() : ((Grades) grades.iterator().next()).labels(),
                single(session, Terms.class, "用語の表 (Terms: スコア・集計の値・印の名前。例: "
                        + "Terms.named().score(\"スコア\"))", folder));
    }
}
