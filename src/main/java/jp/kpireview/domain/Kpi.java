package jp.kpireview.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One KPI (施策KPI) of a business (事業) of a project (プロジェクト), as the city records it: the baseline, the
 * final target, the yearly actuals (実績値) and any annual targets (年度目標値) the city set itself.
 *
 * @param municipality  the city or town whose strategy this is (自治体), e.g. 小樽市
 * @param id            short id unique in the municipality's data, e.g. {@code 5b} (second KPI of business 5)
 * @param directionText the direction as written in the data (↗, ↘, →, increase …); the rules interpret it
 * @param actuals       fiscal year → actual; years without a value are absent
 * @param annualTargets fiscal year → annual target (年度目標値) the city set; usually empty
 * @param baselineYear  the year of the baseline; null, as the baseline, for a town that publishes none
 * @param baseline      the baseline (基準値); null when the data has none (a policy that needs one reports that KPI)
 * @param note          free text carried with the data (e.g. where a plan value came from); may be empty
 * @param targetBound   以上 or 以下 when the target is written so (80%以上, 30件以下); empty otherwise
 * @param targetRevisions a target revised mid-plan (上方修正): the fiscal year from which it is in force → the target
 *                      then; usually empty ({@link #targetIn})
 * @param attributes    the town's own columns (重み, 再掲, 所管課 …): heading → the cell's text ("" when empty), in
 *                      sheet order; the rules read them by heading
 */
public record Kpi(
        String municipality,
        String id,
        String project,
        String businessNo,
        String business,
        String name,
        String unit,
        String directionText,
        Integer baselineYear,
        BigDecimal baseline,
        int targetYear,
        BigDecimal finalTarget,
        NavigableMap<Integer, BigDecimal> actuals,
        NavigableMap<Integer, BigDecimal> annualTargets,
        String note,
        SourceLocation source,
        String targetBound,
        NavigableMap<Integer, BigDecimal> targetRevisions,
        Map<String, String> attributes) {

    /** A KPI whose target is written as a plain number. */
    public Kpi(String municipality, String id, String project, String businessNo, String business, String name,
            String unit, String directionText, Integer baselineYear, BigDecimal baseline, int targetYear,
            BigDecimal finalTarget, NavigableMap<Integer, BigDecimal> actuals, NavigableMap<Integer, BigDecimal> annualTargets,
            String note, SourceLocation source) {
        this(municipality, id, project, businessNo, business, name, unit, directionText, baselineYear, baseline,
                targetYear, finalTarget, actuals, annualTargets, note, source, "", new TreeMap<>(), Map.of());
    }

    /** A KPI of a sheet with no columns of the town's own. */
    public Kpi(String municipality, String id, String project, String businessNo, String business, String name,
            String unit, String directionText, Integer baselineYear, BigDecimal baseline, int targetYear,
            BigDecimal finalTarget, NavigableMap<Integer, BigDecimal> actuals,
            NavigableMap<Integer, BigDecimal> annualTargets, String note, SourceLocation source, String targetBound) {
        this(municipality, id, project, businessNo, business, name, unit, directionText, baselineYear, baseline,
                targetYear, finalTarget, actuals, annualTargets, note, source, targetBound, new TreeMap<>(), Map.of());
    }

    /**
     * The columns of a KPI that stands for any sheet (validate's probes): every column of the town's own reads as
     * empty, so that a policy that reads one is checked as it would run on a sheet that has it.
     */
    public static final Map<String, String> ANY_COLUMNS = Collections.unmodifiableMap(new LinkedHashMap<>());

    public Kpi {
        Objects.requireNonNull(id, "id");
        municipality = municipality == null ? "" : municipality;
        Objects.requireNonNull(finalTarget, "finalTarget");
        unit = unit == null ? "" : unit;
        note = note == null ? "" : note;
        targetBound = targetBound == null ? "" : targetBound;
        actuals = Collections.unmodifiableNavigableMap(new TreeMap<>(actuals));
        annualTargets = Collections.unmodifiableNavigableMap(new TreeMap<>(annualTargets));
        targetRevisions = Collections.unmodifiableNavigableMap(new TreeMap<>(targetRevisions));
        attributes = attributes == ANY_COLUMNS ? ANY_COLUMNS : attributes == null || attributes.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public Optional<BigDecimal> actual(int year) {
        return Optional.ofNullable(actuals.get(year));
    }

    /**
     * The final target in force in {@code year}: the latest revision in force by then (上方修正), or the target the
     * plan began with.
     */
    public BigDecimal targetIn(int year) {
        Map.Entry<Integer, BigDecimal> revision = targetRevisions.floorEntry(year);
        return revision == null ? finalTarget : revision.getValue();
    }

    /** The year from which {@link #targetIn} answers a revised target, or null when it answers the first one. */
    public Integer revisedIn(int year) {
        return targetRevisions.floorKey(year);
    }

    public Optional<BigDecimal> annualTarget(int year) {
        return Optional.ofNullable(annualTargets.get(year));
    }

    /** The first fiscal year with an actual: step 1 of the linear path to the target. */
    public Optional<Integer> firstActualYear() {
        return actuals.isEmpty() ? Optional.empty() : Optional.of(actuals.firstKey());
    }

    /** True when the baseline, the target and every actual are whole numbers (counts such as 件, 人, 社). */
    public boolean wholeNumbers() {
        return (baseline == null || isWhole(baseline)) && isWhole(finalTarget) && actuals.values().stream().allMatch(Kpi::isWhole);
    }

    /** The same KPI without the city's annual targets (to measure the published method alone). */
    /**
     * One of this KPI's values with its unit, as the reports and the page print it: thousands grouped (54,886,770円)
     * unless the unit is a percentage, the decimals as written (75.9%).
     */
    public String shown(BigDecimal value) {
        String text = value.toPlainString();
        if (!unit.strip().equals("%") && !unit.strip().equals("％")) {
            int point = text.indexOf('.');
            String whole = point < 0 ? text : text.substring(0, point);
            boolean negative = whole.startsWith("-");
            StringBuilder grouped = new StringBuilder(negative ? whole.substring(1) : whole);
            for (int i = grouped.length() - 3; i > 0; i -= 3) {
                grouped.insert(i, ',');
            }
            text = (negative ? "-" : "") + grouped + (point < 0 ? "" : text.substring(point));
        }
        return text + unit;
    }

    public Kpi withoutAnnualTargets() {
        return withAnnualTargets(new TreeMap<>(), note);
    }

    public Kpi withAnnualTargets(NavigableMap<Integer, BigDecimal> newAnnualTargets, String newNote) {
        return new Kpi(municipality, id, project, businessNo, business, name, unit, directionText, baselineYear,
                baseline, targetYear, finalTarget, actuals, newAnnualTargets, newNote, source, targetBound,
                targetRevisions, attributes);
    }

    /** The same KPI with {@code actual} as its actual of {@code year} (a plan's probe, the page's what-if). */
    public Kpi withActual(int year, BigDecimal actual) {
        TreeMap<Integer, BigDecimal> newActuals = new TreeMap<>(actuals);
        newActuals.put(year, actual);
        return new Kpi(municipality, id, project, businessNo, business, name, unit, directionText, baselineYear,
                baseline, targetYear, finalTarget, newActuals, annualTargets, note, source, targetBound,
                targetRevisions, attributes);
    }

    public Kpi withId(String newId) {
        return new Kpi(municipality, newId, project, businessNo, business, name, unit, directionText, baselineYear,
                baseline, targetYear, finalTarget, actuals, annualTargets, note, source, targetBound,
                targetRevisions, attributes);
    }

    public Kpi withMunicipality(String newMunicipality) {
        return new Kpi(newMunicipality, id, project, businessNo, business, name, unit, directionText, baselineYear,
                baseline, targetYear, finalTarget, actuals, annualTargets, note, source, targetBound,
                targetRevisions, attributes);
    }

    private static boolean isWhole(BigDecimal value) {
        return value.scale() <= 0 || value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }
}
