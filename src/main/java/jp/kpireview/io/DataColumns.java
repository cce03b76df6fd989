package jp.kpireview.io;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.DataProblem;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.SourceLocation;

/**
 * The columns of the KPI data format, one table for every reader (CSV, Excel, scenario files): each known column by
 * its English name and the Japanese headings towns and this project's own reports use for it (基準値, 目標年度, 事業名 …),
 * the columns of a year by their form ({@code FY2015}, {@code H27実績値}, {@code 平成30年度目標値} …), and every other
 * column the town's own: kept with the KPI, for the rules to read by its heading. A heading one slip away from a
 * known one ({@code basline}, {@code 目標地}) is an error naming the column it is probably meant to be, so that a
 * misspelt 目標値 is never taken for a column of the town's own.
 */
public final class DataColumns {

    /** A known column: its name in the data format, whether every sheet needs it, and its Japanese headings. */
    public enum Known {
        MUNICIPALITY("municipality", false, "自治体", "自治体名", "市町村", "市町村名"),
        KPI_ID("kpi_id", true, "KPI番号", "No.", "No", "番号"),
        /** Optional: a town that groups its KPIs into no projects (宇陀市) has one summary, of the whole. */
        PROJECT("project", false, "プロジェクト", "プロジェクト名"),
        BUSINESS_NO("business_no", false, "事業番号", "事業No."),
        BUSINESS("business", true, "事業名", "事業"),
        KPI("kpi", true, "KPI", "KPI名", "指標", "指標名"),
        UNIT("unit", true, "単位"),
        /** Optional: where the sheet prints none, the target's 以上/以下 or the policy's rules give the direction. */
        DIRECTION("direction", false, "方向", "方向性"),
        BASELINE_YEAR("baseline_year", true, "基準年度", "基準年"),
        BASELINE("baseline", true, "基準値"),
        TARGET_YEAR("target_year", true, "目標年度", "目標年"),
        TARGET("target", true, "目標値"),
        /** A target revised mid-plan (上方修正): in force from {@link #REVISED_FROM} on, in place of the target. */
        REVISED_TARGET("revised_target", false, "改定目標値", "目標値(改定)", "修正目標値", "目標値(修正)"),
        REVISED_FROM("revised_from", false, "改定年度", "目標値改定年度", "修正年度"),
        NOTE("note", false, "備考", "備考欄");

        /** The column's name in the data format (the CSV this project writes, the messages). */
        public final String key;
        final boolean required;
        final List<String> japanese;
        /** Every name of the column as a heading is compared ({@link #normal}): its own two first, then the others. */
        final List<String> names;

        Known(String key, boolean required, String... japanese) {
            this.key = key;
            this.required = required;
            this.japanese = List.of(japanese);
            List<String> all = new ArrayList<>(List.of(key));
            all.addAll(this.japanese);
            this.names = all.stream().map(DataColumns::normal).toList();
        }

        /** {@code 基準値 (baseline)}: the column as a message names it, in both languages. */
        public String named() {
            return japanese.get(0) + " (" + key + ")";
        }
    }

    /** A year as a heading writes it: FY2015, 2015, H27, R1, 平成27年度, 令和元年度. */
    private static final String YEAR = "(FY\\d{4}|\\d{4}|[HR]\\d{1,2}|平成\\d{1,2}|令和(?:\\d{1,2}|元))(?:年度)?";
    /** An actual's column: the year alone, or with 実績 / 実績値 before or after it. */
    private static final Pattern ACTUAL = Pattern.compile("(?:実績値?)?" + YEAR + "(?:実績値?)?",
            Pattern.CASE_INSENSITIVE);
    /** An annual target's column (年度目標値): annual_target_FY2018, plan_FY2018, H30年度目標値, 年度目標値H30, H30目安値. */
    private static final List<Pattern> ANNUAL_TARGET = List.of(
            Pattern.compile("(?:annual_target_|plan_)" + YEAR, Pattern.CASE_INSENSITIVE),
            Pattern.compile(YEAR + "(?:年度目標値?|目安値)", Pattern.CASE_INSENSITIVE),
            Pattern.compile("(?:年度目標値?|目安値)" + YEAR, Pattern.CASE_INSENSITIVE));
    /** A heading that reads as a year's column but names no fiscal year: FY216, annual_target_FY20180. */
    private static final Pattern YEARISH = Pattern.compile("(?:annual_target_|plan_)?fy\\d+(?:実績値?)?");
    /** What {@link #normal} leaves out of a heading: spaces and brackets (compiled once, not per heading). */
    private static final Pattern IGNORED_IN_HEADINGS = Pattern.compile("[\\s()\\[\\]【】「」]");
    /** What the heading of an annual target is written as, in messages and the CSV this project writes. */
    public static final String ANNUAL_TARGET_PREFIX = "annual_target_";

    private DataColumns() {
    }

    /**
     * What a header row says.
     *
     * @param known         each known column the sheet has → its heading as written
     * @param actuals       heading → the year of the actuals it holds
     * @param annualTargets heading → the year of the annual targets it holds
     * @param own           the town's own columns, in sheet order: kept with each KPI under their headings
     */
    public record Header(Map<Known, String> known, Map<String, Integer> actuals, Map<String, Integer> annualTargets,
            List<String> own) {

        /** The heading of {@code column} as the sheet writes it; its English name when the sheet lacks it. */
        public String heading(Known column) {
            return known.getOrDefault(column, column.key);
        }
    }

    /**
     * Reads a header row: which heading names which column. Every problem of the row is reported together, located
     * at the row: a missing column, a column given twice, a heading that is a slip of a known one.
     *
     * @param reserved headings the caller reads itself (a scenario file's case and expect_ columns): neither data
     *                 nor the town's own, but a slip of one of them is reported like a slip of a known column
     */
    public static Header read(List<String> headings, SourceLocation at, List<String> reserved) {
        List<DataProblem> problems = new ArrayList<>();
        Map<Known, String> known = new LinkedHashMap<>();
        Map<String, Integer> actuals = new TreeMap<>();
        Map<String, Integer> annualTargets = new TreeMap<>();
        List<String> own = new ArrayList<>();
        Map<Integer, String> actualYears = new LinkedHashMap<>();
        Map<Integer, String> annualTargetYears = new LinkedHashMap<>();
        for (String heading : headings) {
            if (reserved.contains(heading)) {
                continue;
            }
            String name = normal(heading);
            if (name.isEmpty()) {
                continue;  // a column without a heading is read as nothing; the reader refuses a value in it
            }
            Optional<Known> column = known(name);
            if (column.isPresent()) {
                String earlier = known.putIfAbsent(column.get(), heading);
                if (earlier != null) {
                    problems.add(new DataProblem(at, heading, "'" + earlier + "' と '" + heading + "' はどちらも "
                            + column.get().named() + " の列です: 一つにしてください"));
                }
                continue;
            }
            Integer year = year(name, ANNUAL_TARGET);
            if (year != null) {
                twice(annualTargetYears, year, heading, at, problems, "年度目標値");
                annualTargets.put(heading, year);
                continue;
            }
            year = year(name, List.of(ACTUAL));
            if (year != null) {
                twice(actualYears, year, heading, at, problems, "実績値");
                actuals.put(heading, year);
                continue;
            }
            if (own.contains(heading)) {
                // two columns of one name: which of them the rules would read cannot be told
                problems.add(new DataProblem(at, heading, "列 '" + heading + "' が二つあります: 一つにするか、どちらかの"
                        + "名前を変えてください (a heading written twice)"));
                continue;
            }
            if (YEARISH.matcher(name).matches()) {
                problems.add(new DataProblem(at, heading, "列 '" + heading + "' は年度の列に見えますが、年度として"
                        + "読めません: FY2016、2016、H28、H28実績値 のように書きます (unknown column)"));
                continue;
            }
            own.add(heading);
        }
        // a heading one slip from a column the sheet lacks is that column misspelt, not a column of the town's own
        // (事業費 beside 事業名 is the town's; 目標地 where 目標値 is missing is a slip)
        List<String> present = new ArrayList<>(headings);
        for (String heading : List.copyOf(own)) {
            String meant = slipOf(normal(heading), known.keySet(), reserved.stream().filter(r -> !present.contains(r))
                    .toList());
            if (meant != null) {
                own.remove(heading);
                problems.add(new DataProblem(at, heading, "列 '" + heading + "' は " + meant
                        + " の書き間違いではありませんか (表にない列と一文字違いの見出しは書き間違いとみなします。直すか、"
                        + "町独自の列なら間違えようのない名前にしてください) (unknown column)"));
            }
        }
        List<String> missing = new ArrayList<>();
        for (Known k : Known.values()) {
            if (k.required && !known.containsKey(k)) {
                missing.add(k.named());
            }
        }
        if (!missing.isEmpty()) {
            problems.add(new DataProblem(at, "header", "列がありません: " + String.join("、", missing) + " (missing column(s))"));
        }
        if (actuals.isEmpty()) {
            problems.add(new DataProblem(at, "header", "実績値の列がありません: FY2018 や H30実績値 のような列を書きます (no column of actuals)"));
        }
        if (!problems.isEmpty()) {
            throw new DataException(problems);
        }
        return new Header(known, actuals, annualTargets, own);
    }

    /**
     * Which columns have a heading, by place: one that is blank (or only spaces) is read as nothing, so the reader
     * refuses a value in it, as it does one past the last heading.
     */
    public static boolean[] headed(List<String> headings) {
        boolean[] headed = new boolean[headings.size()];
        for (int i = 0; i < headed.length; i++) {
            headed[i] = !normal(headings.get(i)).isEmpty();
        }
        return headed;
    }

    /**
     * The fiscal years whose actuals {@code headings} hold a column for ({@code FY2015}, {@code H27実績値} …), read
     * without judging the rest of the header: what a run will be asked about, known before the file is read.
     */
    public static java.util.SortedSet<Integer> actualYears(List<String> headings) {
        java.util.SortedSet<Integer> years = new java.util.TreeSet<>();
        for (String heading : headings) {
            if (heading.length() == 6 && heading.startsWith("FY") && heading.chars().skip(2).allMatch(
                    c -> c >= '0' && c <= '9')) {
                years.add(Integer.parseInt(heading.substring(2)));  // FY2015, as nearly every generated file heads it
                continue;
            }
            if (heading.chars().noneMatch(c -> Character.isDigit(c) || c == '元')) {
                continue;  // no year in it (FY2015, H27実績値, 令和元年度実績): not worth normalising
            }
            String name = normal(heading);
            if (!name.isEmpty() && known(name).isEmpty() && year(name, ANNUAL_TARGET) == null) {
                try {
                    Integer year = year(name, List.of(ACTUAL));
                    if (year != null) {
                        years.add(year);
                    }
                } catch (IllegalArgumentException notAYear) {
                    // the run reads the header properly and says what is wrong with it
                }
            }
        }
        return years;
    }

    /** What a value in a column without a heading is told, in a data sheet and in a rule table alike. */
    public static String valueWithoutHeading(String value) {
        return "見出しのない列に値 '" + value + "' があります。見出しを書くか、値を消してください (a value under no heading)";
    }

    /** A, B, … Z, AA: the column at {@code index} (from 0) as a spreadsheet names it. */
    public static String letter(int index) {
        StringBuilder s = new StringBuilder();
        for (int i = index; i >= 0; i = i / 26 - 1) {
            s.insert(0, (char) ('A' + i % 26));
        }
        return s.toString();
    }

    /** True when one of {@code headings} names the known column whose English name is {@code key}. */
    public static boolean names(List<String> headings, String key) {
        return headings.stream().map(DataColumns::normal).map(DataColumns::known)
                .anyMatch(k -> k.isPresent() && k.get().key.equals(key));
    }

    /** True when {@code headings} name at least three known columns: the header row of a sheet with a title above. */
    public static boolean isHeader(List<String> headings) {
        return headings.stream().map(DataColumns::normal).filter(n -> known(n).isPresent()).count() >= 3;
    }

    private static void twice(Map<Integer, String> seen, int year, String heading, SourceLocation at,
            List<DataProblem> problems, String what) {
        String earlier = seen.putIfAbsent(year, heading);
        if (earlier != null) {
            problems.add(new DataProblem(at, heading, "'" + earlier + "' と '" + heading + "' はどちらも "
                    + FiscalYear.bothLabels(year) + " の" + what + "です: 一つにしてください"));
        }
    }

    private static Optional<Known> known(String name) {
        return java.util.Arrays.stream(Known.values()).filter(k -> k.names.contains(name)).findFirst();
    }

    private static Integer year(String name, List<Pattern> forms) {
        for (Pattern form : forms) {
            Matcher m = form.matcher(name);
            if (m.matches()) {
                return FiscalYear.parse(m.group(1));
            }
        }
        return null;
    }

    /**
     * The column the sheet lacks that {@code name} is probably a slip of, as a message names it; null when it is
     * none. A slip is one letter wrong, missing, added or two letters swapped in an English name of five letters or
     * more (two in one of eight or more), or one character wrong in a Japanese heading of three or more
     * ({@code 目標地} for 目標値): a character added to a Japanese heading makes another word, so it is not a slip.
     */
    private static String slipOf(String name, java.util.Set<Known> present, List<String> reserved) {
        List<Known> lacking = java.util.Arrays.stream(Known.values()).filter(k -> !present.contains(k)).toList();
        // the columns' own names first: 目標地 is a slip of 目標値 (target) before one of 目標年 (target_year's other name)
        for (Known k : lacking) {
            if (k.names.subList(0, 2).stream().anyMatch(n -> slip(name, n))) {
                return k.named();
            }
        }
        for (Known k : lacking) {
            if (k.names.stream().anyMatch(n -> slip(name, n))) {
                return k.named();
            }
        }
        return reserved.stream().filter(r -> slip(name, normal(r))).findFirst().orElse(null);
    }

    private static boolean slip(String name, String known) {
        boolean ascii = name.chars().allMatch(c -> c < 128) && known.chars().allMatch(c -> c < 128);
        if (ascii) {
            int longer = Math.max(name.length(), known.length());
            return longer >= 5 && distance(name, known) <= (longer >= 8 ? 2 : 1);
        }
        if (name.length() != known.length() || name.length() < 3) {
            return false;
        }
        int differ = 0;
        for (int i = 0; i < name.length(); i++) {
            differ += name.charAt(i) == known.charAt(i) ? 0 : 1;
        }
        return differ == 1;
    }

    /** Edits between two words: a letter changed, added, dropped, or two neighbours swapped. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * A heading as it is compared: full-width letters and digits made plain (ＫＰＩ → KPI), case, spaces and brackets
     * ignored ({@code 実績値 (H27)} is {@code 実績値H27}).
     */
    static String normal(String heading) {
        String n = Normalizer.normalize(heading == null ? "" : heading, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return IGNORED_IN_HEADINGS.matcher(n).replaceAll("");
    }
}
