package jp.kpireview.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.io.KpiCsv;

/**
 * Synthetic but valid KPI data sets for scale runs and differential tests: N municipalities × K KPIs × the evaluated
 * years, one canonical CSV per municipality. Each KPI copies a real KPI of a template data set (the Otaru seed):
 * its project, business, name, unit, direction symbol and whether it counts whole things; its values are drawn anew.
 * Municipality {@code i} is drawn from its own random stream (seed, i), so a file is the same whatever else is
 * generated, and files can be written in parallel.
 * <p>
 * The mix, per KPI: the baseline 0.5–1.5× the template's, a final target 10–60 % better in the KPI's direction
 * (a → KPI keeps its level), actuals near the straight path with noise, {@value #MISSING_PERCENT} % of actuals
 * missing, {@value #LATE_START_PERCENT} % of KPIs starting late, {@value #NO_ACTUALS_PERCENT} % without any
 * actual, {@value #EARLY_TARGET_PERCENT} % with a target year before the last year (half of them first measured after
 * it). Edge cases, each on a few per cent of KPI-years: an actual equal to the baseline (score 0.00), behind the
 * baseline, far behind (clamped −100), on the city's annual target (100.00) or half way to it (50.00), at the final
 * target (☆), beyond it (clamped 100); an annual target equal to the baseline; a final target equal to the baseline.
 */
public final class DataGenerator {

    static final int MISSING_PERCENT = 12;
    static final int LATE_START_PERCENT = 5;
    static final int NO_ACTUALS_PERCENT = 2;
    static final int EARLY_TARGET_PERCENT = 3;
    private static final int FLAT_TARGET_PERCENT = 1;
    private static final long STREAM_MIX = 0x9E3779B97F4A7C15L;

    /**
     * @param firstYear the first evaluated fiscal year; the baseline is the year before
     * @param lastYear  the last evaluated fiscal year, also the target year
     */
    public record Settings(int municipalities, int kpis, int firstYear, int lastYear, long seed) {
    }

    private final List<Kpi> templates;
    private final Settings settings;

    public DataGenerator(List<Kpi> templates, Settings settings) {
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no template KPIs");
        }
        this.templates = templates;
        this.settings = settings;
    }

    /** Writes {@code folder/m0001.csv} … and returns the files. */
    public List<Path> writeTo(Path folder) {
        return IntStream.rangeClosed(1, settings.municipalities()).parallel().mapToObj(i -> {
            Path file = folder.resolve(String.format(Locale.ROOT, "m%05d.csv", i));
            KpiCsv.write(file, municipality(i));
            return file;
        }).toList();
    }

    /** The KPIs of municipality {@code i} (1-based). */
    public List<Kpi> municipality(int i) {
        SplittableRandom random = new SplittableRandom(settings.seed() * STREAM_MIX + i);
        String name = String.format(Locale.ROOT, "市町村%05d", i);
        return IntStream.range(0, settings.kpis())
                .mapToObj(k -> kpi(name, k, templates.get(random.nextInt(templates.size())), random))
                .toList();
    }

    private Kpi kpi(String municipality, int index, Kpi template, SplittableRandom random) {
        boolean whole = template.wholeNumbers() && !"%".equals(template.unit());
        int decimals = whole ? 0 : 1 + random.nextInt(2);
        // which way the template's own target lies: the rules read the direction symbol themselves
        int sign = template.finalTarget().compareTo(template.baseline());
        BigDecimal baseline = value(magnitude(template) * (0.5 + random.nextDouble()), decimals);
        BigDecimal target = sign == 0 || random.nextInt(100) < FLAT_TARGET_PERCENT ? baseline
                : value(baseline.doubleValue() * (1 + sign * (0.1 + 0.5 * random.nextDouble())), decimals);
        TreeMap<Integer, BigDecimal> actuals = new TreeMap<>();
        TreeMap<Integer, BigDecimal> plans = new TreeMap<>();
        int start = settings.firstYear();
        if (random.nextInt(100) < LATE_START_PERCENT) {
            start += 1 + random.nextInt(Math.max(1, settings.lastYear() - settings.firstYear()));
        }
        int targetYear = settings.lastYear();
        if (settings.lastYear() > settings.firstYear() && random.nextInt(100) < EARLY_TARGET_PERCENT) {
            // a target year before the last: years after it stay on the target, and half of these KPIs are first
            // measured only after it (a straight path of one step)
            targetYear = settings.firstYear() + random.nextInt(settings.lastYear() - settings.firstYear());
            if (random.nextBoolean()) {
                start = Math.max(start, targetYear + 1);
            }
        }
        boolean none = random.nextInt(100) < NO_ACTUALS_PERCENT;
        for (int year = start; year <= settings.lastYear() && !none; year++) {
            if (random.nextInt(100) < MISSING_PERCENT) {
                continue;
            }
            double share = (year - settings.firstYear() + 1.0) / (settings.lastYear() - settings.firstYear() + 1);
            Year drawn = year(baseline, target, share, decimals, random);
            actuals.put(year, drawn.actual());
            if (drawn.plan() != null) {
                plans.put(year, drawn.plan());
            }
        }
        String id = String.format(Locale.ROOT, "%03d", index + 1);
        return new Kpi(municipality, id, template.project(), template.businessNo(), template.business(),
                template.name(), template.unit(), template.directionText(), settings.firstYear() - 1, baseline,
                targetYear, target, actuals, plans, "", new SourceLocation("generated", index + 2));
    }

    private record Year(BigDecimal actual, BigDecimal plan) {
    }

    /** One year's actual (and sometimes the city's annual target), with the edge cases mixed in. */
    private static Year year(BigDecimal baseline, BigDecimal target, double share, int decimals,
            SplittableRandom random) {
        BigDecimal span = target.subtract(baseline);
        int edge = random.nextInt(100);
        return switch (edge) {
            case 0, 1 -> new Year(baseline, null);
            case 2, 3 -> new Year(target, null);
            case 4 -> new Year(target.add(span), null);
            case 5 -> new Year(nonNegative(baseline.subtract(span.multiply(BigDecimal.valueOf(3)))), null);
            case 6, 7 -> {
                BigDecimal plan = baseline.add(evenStep(span, share, decimals));
                yield new Year(plan, plan);
            }
            case 8, 9 -> {
                BigDecimal step = evenStep(span, share, decimals);
                yield new Year(baseline.add(step.divide(BigDecimal.valueOf(2), RoundingMode.UNNECESSARY)),
                        baseline.add(step));
            }
            case 10 -> new Year(baseline.add(span.multiply(BigDecimal.valueOf(share))).setScale(decimals,
                    RoundingMode.HALF_UP), baseline);
            default -> new Year(nonNegative(value(baseline.doubleValue() + span.doubleValue() * share
                    * (1.2 * random.nextDouble() + 0.1) + baseline.doubleValue() * 0.08 * random.nextGaussian(),
                    decimals)), null);
        };
    }

    /** The share of the span rounded to an even number of last units, so that half of it is exact too. */
    private static BigDecimal evenStep(BigDecimal span, double share, int decimals) {
        BigDecimal unit = BigDecimal.ONE.movePointLeft(decimals).multiply(BigDecimal.valueOf(2));
        BigDecimal units = BigDecimal.valueOf(span.doubleValue() * share).divide(unit, 0, RoundingMode.HALF_UP);
        if (units.signum() == 0) {
            units = BigDecimal.valueOf(span.signum() < 0 ? -1 : 1);
        }
        return units.multiply(unit).setScale(decimals, RoundingMode.UNNECESSARY);
    }

    private static BigDecimal nonNegative(BigDecimal value) {
        return value.signum() < 0 ? BigDecimal.ZERO.setScale(value.scale()) : value;
    }

    private static BigDecimal value(double value, int decimals) {
        return BigDecimal.valueOf(Math.max(0, value)).setScale(decimals, RoundingMode.HALF_UP);
    }

    /** A template's order of size; at least 1 so that zero baselines still give something to move. */
    private static double magnitude(Kpi template) {
        return Math.max(1, Math.max(template.baseline().abs().doubleValue(), template.finalTarget().abs()
                .doubleValue()));
    }
}
