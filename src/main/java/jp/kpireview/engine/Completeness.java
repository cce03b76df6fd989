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
        Gap gap = gap(o, terms);
        if (gap != null) {
            // the message is made only for a KPI-year that falls short: most do not
            String what = "KPI " + kpi.id() + " (" + kpi.source() + ", FY" + year + ")";
            throw new RuleSetException(new RuleProblem(folder.toString(), 0, gap.message(what, o)));
        }
    }

    /** What a KPI-year's result lacks or has too much of; null when it is complete. */
    private static Gap gap(Outcome o, Terms terms) {
        return o.status() == null ? (o.score() != null ? Gap.SCORE_WITHOUT_BAND : Gap.NOTHING)
                : o.setStatus() != null && o.band() != null ? Gap.STATUS_AND_BAND
                : o.score() != null && !terms.hasScore() ? Gap.SCORE_NOT_IN_TERMS
                : o.rawScore() != null && !terms.hasRawScore() && !terms.hasScore() ? Gap.RAW_SCORE_NOT_IN_TERMS
                : o.achieved() && !terms.hasFlag() ? Gap.FLAG_NOT_IN_TERMS
                : null;
    }

    private enum Gap {
        SCORE_WITHOUT_BAND, NOTHING, STATUS_AND_BAND, SCORE_NOT_IN_TERMS, RAW_SCORE_NOT_IN_TERMS, FLAG_NOT_IN_TERMS;

        String message(String what, Outcome o) {
            return switch (this) {
                case SCORE_WITHOUT_BAND -> "どのルールも " + what + " にスコア " + o.score() + " の区分をつけませんでした";
                case NOTHING -> "どのルールも " + what + " に区分も状態 (実績なし など) もつけませんでした";
                case STATUS_AND_BAND -> "ルールが " + what + " に状態 " + o.setStatus().label() + " と区分 "
                        + o.band().mark() + " の両方をつけました";
                case SCORE_NOT_IN_TERMS -> "ルールが " + what + " にスコアをつけましたが、方針の用語 (terms.drl) にスコアが"
                        + "ありません: .score(\"…\") を書きます";
                case RAW_SCORE_NOT_IN_TERMS -> "ルールが " + what + " に補正前のスコアをつけましたが、方針の用語"
                        + " (terms.drl) にスコアがありません";
                case FLAG_NOT_IN_TERMS -> "ルールが " + what + " に目標達成の印をつけましたが、方針の用語 (terms.drl) に印が"
                        + "ありません: .flag(\"☆\", \"目標達成\") を書きます";
            };
        }
    }
}
