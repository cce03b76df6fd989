package jp.kpireview.engine;

import java.nio.file.Path;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.Terms;
import jp.kpireview.facts.Outcome;
import jp.kpireview.rulebase.RuleProblem;
import jp.kpireview.rulebase.RuleSetException;

/** What the rules must have given every KPI-year, checked as its result is read back. */
final class Completeness {

    private Completeness() {
    }

    /**
     * Every KPI ends with a band or a status saying why it has none, never both, and only with what the policy's
     * words name: a score where the policy has one, the flag where it has one.
     */
    static void require(Kpi kpi, int year, Outcome o, Terms terms, Path folder) {
        String what = "KPI " + kpi.id() + " (" + kpi.source() + ", FY" + year + ")";
        String problem = o.status() == null
                ? (o.score() != null ? "どのルールも " + what + " にスコア " + o.score() + " の区分をつけませんでした"
                        : "どのルールも " + what + " に区分も状態 (実績なし など) もつけませんでした")
                : o.setStatus() != null && o.band() != null ? "ルールが " + what + " に状態 " + o.setStatus().label()
                        + " と区分 " + o.band().mark() + " の両方をつけました"
                : o.score() != null && !terms.hasScore() ? "ルールが " + what + " にスコアをつけましたが、方針の用語"
                        + " (terms.drl) にスコアがありません: .score(\"…\") を書きます"
                : o.rawScore() != null && !terms.hasRawScore() && !terms.hasScore() ? "ルールが " + what
                        + " に補正前のスコアをつけましたが、方針の用語 (terms.drl) にスコアがありません"
                : o.achieved() && !terms.hasFlag() ? "ルールが " + what + " に目標達成の印をつけましたが、方針の用語"
                        + " (terms.drl) に印がありません: .flag(\"☆\", \"目標達成\") を書きます"
                : null;
        if (problem != null) {
            throw new RuleSetException(new RuleProblem(folder.toString(), 0, problem));
        }
    }
}
