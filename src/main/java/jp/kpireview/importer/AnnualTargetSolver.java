package jp.kpireview.importer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.kpireview.domain.Evaluation;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.ReferenceKind;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.facts.Decimals;

/**
 * Recovers the annual targets (年度目標値) a city set itself but did not print. Where the linear path does not
 * reproduce a published raw score, the target the score implies is solved from the row,
 * {@code baseline + (actual − baseline) × 100 / raw}, and written with the fewest decimals that reproduce the printed
 * raw score. Agreement on these KPIs is therefore no evidence for the method; the note column says so.
 */
public final class AnnualTargetSolver {

    /** Published scores are printed with 2 decimals. */
    private static final int PRINTED_DECIMALS = 2;
    private static final int MAX_TARGET_DECIMALS = 6;

    /** An annual target that was solved, for the importer's report. */
    public record Solved(String kpiId, BigDecimal annualTarget) {
    }

    private AnnualTargetSolver() {
    }

    /** The KPIs with their solved annual targets added, and the list of what was solved. */
    public static Map.Entry<List<Kpi>, List<Solved>> solve(List<Kpi> kpis, List<PublishedScore> published,
            ReviewEngine engine, int year) {
        Map<String, PublishedScore> byId = published.stream()
                .collect(Collectors.toMap(PublishedScore::kpiId, Function.identity()));
        List<Evaluation> derived = engine.evaluate(kpis.stream().map(Kpi::withoutAnnualTargets).toList(), year).evaluations();
        List<Kpi> result = new ArrayList<>();
        List<Solved> solved = new ArrayList<>();
        for (int i = 0; i < kpis.size(); i++) {
            Evaluation e = derived.get(i);
            PublishedScore p = byId.get(e.kpi().id());
            BigDecimal target = needsTarget(e, p) ? solveTarget(e.kpi(), year, p.rawScore()) : null;
            result.add(target == null ? kpis.get(i) : withTarget(kpis.get(i), year, target));
            if (target != null) {
                solved.add(new Solved(e.kpi().id(), target));
            }
        }
        return Map.entry(result, solved);
    }

    private static boolean needsTarget(Evaluation e, PublishedScore p) {
        return p != null && p.rawScore() != null && p.rawScore().signum() != 0 && e.judged()
                && e.referenceKind() == ReferenceKind.LINEAR && e.rawScore().compareTo(p.rawScore()) != 0;
    }

    private static BigDecimal solveTarget(Kpi kpi, int year, BigDecimal raw) {
        BigDecimal progress = kpi.actual(year).orElseThrow().subtract(kpi.baseline());
        BigDecimal implied = kpi.baseline().add(progress.multiply(BigDecimal.valueOf(100))
                .divide(raw, MathContext.DECIMAL128));
        for (int decimals = 0; decimals <= MAX_TARGET_DECIMALS; decimals++) {
            BigDecimal candidate = implied.setScale(decimals, RoundingMode.HALF_UP);
            BigDecimal span = candidate.subtract(kpi.baseline());
            if (span.signum() != 0 && Decimals.percent(progress, span, PRINTED_DECIMALS).compareTo(raw) == 0) {
                return candidate;
            }
        }
        return null;
    }

    private static Kpi withTarget(Kpi k, int year, BigDecimal target) {
        TreeMap<Integer, BigDecimal> targets = new TreeMap<>(k.annualTargets());
        targets.put(year, target);
        String note = "annual_target_" + FiscalYear.label(year) + " solved from the published score (年度目標値 not published)";
        return k.withAnnualTargets(targets, note);
    }
}
