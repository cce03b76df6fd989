package jp.kpireview.report;

import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.RuleStep;

/** A traced evaluation in plain words: the KPI's data, each rule that fired with what it concluded, the result. */
public final class Explanation {

    private Explanation() {
    }

    public static List<String> lines(Evaluation e) {
        Kpi k = e.kpi();
        List<String> lines = new ArrayList<>();
        lines.add("KPI " + k.id() + " " + k.name() + " — " + k.municipality() + ", " + FiscalYear.bothLabels(e.year())
                + "  [" + k.source() + "]");
        lines.add("  data: direction " + k.directionText() + " · baseline " + withUnit(k, k.baseline().toPlainString())
                + " (" + FiscalYear.japaneseLabel(k.baselineYear()) + ") · final target "
                + withUnit(k, k.finalTarget().toPlainString()) + " (" + FiscalYear.japaneseLabel(k.targetYear())
                + ") · actual " + k.actual(e.year()).map(v -> withUnit(k, v.toPlainString())).orElse("—")
                + k.plan(e.year()).map(v -> " · the city's annual target " + withUnit(k, v.toPlainString()))
                        .orElse(""));
        int n = 1;
        for (RuleStep step : e.trace()) {
            lines.add(String.format("  %d. %s (%s)", n++, step.rule(), step.file()));
            step.effects().forEach(effect -> lines.add("       " + effect));
        }
        lines.add("  result: " + (e.scored()
                ? "スコア " + e.score().toPlainString() + " · 区分 " + e.band().mark() + " " + e.band().label() + " · ☆ "
                        + (e.achieved() ? "yes" : "no")
                : "not scored (" + e.status().code() + ")"));
        return lines;
    }

    private static String withUnit(Kpi k, String value) {
        return value + k.unit();
    }
}
