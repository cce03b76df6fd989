package jp.kpireview.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.RuleStep;
import jp.kpireview.facts.Better;
import jp.kpireview.facts.DirectionSymbols;
import jp.kpireview.facts.RawScore;
import jp.kpireview.facts.Score;

/**
 * Along the actual, a better actual never gets a worse band: for a direction whose higher actual is better, the band
 * does not fall as the actual rises, and the other way round. A formula written against the direction (宇陀市's
 * stated formula, under which a ↘ KPI's grade improved as its actual worsened) passes every check of the bands
 * themselves, since its bands still follow its score; it is found here, by probing along the actual, and named at the
 * rule that made the worse score (or, without a score, the rule that gave the worse band).
 */
final class SlipCheck {

    /**
     * A better actual that gets a worse band than a worse actual of the same probe KPI.
     *
     * @param rule the rule that decided the worse result
     */
    record Slip(String symbol, Better better, Probes.Point good, Probes.Point bad, String rule) {

        String message() {
            return "方向 " + symbol + " (" + better.japanese() + ") の KPI で、良い実績値 " + good.actual().toPlainString()
                    + " が区分 " + good.evaluation().band().mark() + "、悪い実績値 " + bad.actual().toPlainString()
                    + " が区分 " + bad.evaluation().band().mark() + " になります。式が方向に合っているか確かめてください"
                    + " (基準値 " + good.template().baseline().toPlainString() + "、目標値 "
                    + good.template().target().toPlainString() + "、FY" + good.template().year() + ")";
        }
    }

    private SlipCheck() {
    }

    /** The first slip of each direction's probes, if any. */
    static List<Slip> of(List<Band> bands, Probes probes, DirectionSymbols symbols) {
        Map<Probes.Template, List<Probes.Point>> byTemplate = new LinkedHashMap<>();
        for (Probes.Point p : probes.points) {
            if (p.actual() != null && p.judged() && bands.contains(p.evaluation().band())) {
                byTemplate.computeIfAbsent(p.template(), t -> new ArrayList<>()).add(p);
            }
        }
        Map<String, Slip> first = new LinkedHashMap<>();
        byTemplate.forEach((template, points) -> {
            if (first.containsKey(template.symbol())) {
                return;
            }
            Better better = symbols.betterOf(template.symbol());
            List<Probes.Point> line = points.stream().sorted(Comparator.comparing(Probes.Point::actual)).toList();
            for (int i = 1; i < line.size(); i++) {
                Probes.Point lower = line.get(i - 1);
                Probes.Point higher = line.get(i);
                int rise = bands.indexOf(higher.evaluation().band()) - bands.indexOf(lower.evaluation().band());
                if (better == Better.HIGHER && rise < 0) {
                    first.put(template.symbol(), new Slip(template.symbol(), better, higher, lower, decider(higher)));
                    return;
                }
                if (better == Better.LOWER && rise > 0) {
                    first.put(template.symbol(), new Slip(template.symbol(), better, lower, higher, decider(lower)));
                    return;
                }
            }
        });
        return List.copyOf(first.values());
    }

    /**
     * The rule whose formula made the point's result: the raw score's (the clamp only keeps it in range), else the
     * score's, else, for a policy without a score, the rule that gave the band.
     */
    private static String decider(Probes.Point p) {
        List<RuleStep> trace = p.evaluation().trace();
        for (java.util.function.Predicate<RuleStep> made : List.<java.util.function.Predicate<RuleStep>>of(
                s -> s.inserted().contains(RawScore.class), s -> s.inserted().contains(Score.class),
                s -> s.band() != null)) {
            String rule = trace.stream().filter(made).map(RuleStep::rule).findFirst().orElse(null);
            if (rule != null) {
                return rule;
            }
        }
        return null;
    }
}
