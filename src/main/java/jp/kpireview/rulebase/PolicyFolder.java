package jp.kpireview.rulebase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.io.FileFailure;

/**
 * What a {@code --rules} folder holds: either {@code .drl} files — one policy for every year — or policy periods,
 * subfolders whose names start with the first fiscal year they apply to ({@code FY2015}, {@code 2020}, {@code R2}),
 * optionally followed by a space or {@code -} and a name ({@code FY2020 第2期}), or in the era's own words
 * ({@code 令和2年度 第2期}, {@code 令和2年度から}). A subfolder whose name does not start with a year ({@code tests}) is not
 * a period.
 */
public final class PolicyFolder {

    /** One period: its folder and the first fiscal year it applies to (null: a flat folder, every year). */
    public record Period(Path folder, Integer firstYear) {

        public String name() {
            Path name = folder.toAbsolutePath().normalize().getFileName();
            return name == null ? folder.toString() : name.toString();
        }
    }

    /**
     * A period's name: a year as {@link FiscalYear#parse} reads it ({@code FY2020}, {@code R2}, {@code 令和2年度}), then
     * nothing, or a space, {@code -} or {@code _} and a name; after 年度 the name may follow at once ({@code 令和2年度から}).
     */
    private static final Pattern PERIOD = Pattern.compile("((?:FY|H|R|平成|令和)?\\s*(?:\\d{1,4}|元)(?:\\s*年度)?)"
            + "(?:[ \\-_\\u3000].*|(?<=年度).+)?", Pattern.CASE_INSENSITIVE);

    private PolicyFolder() {
    }

    /** The periods of {@code folder}, oldest first; a flat folder is one period with no first year. */
    public static List<Period> periods(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new RuleSetException(RuleProblem.noFolder(folder));
        }
        List<Period> periods = new ArrayList<>();
        boolean drl;
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> all = entries.sorted().toList();
            drl = RuleFiles.holdsRules(folder);
            for (Path p : all) {
                Integer year = Files.isDirectory(p) ? firstYear(p.getFileName().toString()) : null;
                if (year != null) {
                    periods.add(new Period(p, year));
                }
            }
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.LIST, folder, e);
        }
        if (periods.isEmpty()) {
            return List.of(new Period(folder, null));
        }
        if (drl) {
            throw new RuleSetException(new RuleProblem(folder.toString(), 0, "このフォルダには期間のフォルダ ("
                    + periods.get(0).name() + " …) と、どの期間にも入っていないルールのファイルがあります。ファイルを"
                    + "それぞれの期間のフォルダに移してください"));
        }
        periods.sort(Comparator.comparing(Period::firstYear));
        Map<Integer, Period> byYear = new HashMap<>();
        for (Period p : periods) {
            Period other = byYear.putIfAbsent(p.firstYear(), p);
            if (other != null) {
                throw new RuleSetException(new RuleProblem(p.folder().toString(), 0, "二つの期間が同じ "
                        + FiscalYear.label(p.firstYear()) + " から始まっています: " + other.name() + " と " + p.name()));
            }
        }
        return periods;
    }

    /**
     * What the {@code --rules} folder holds that no run reads, each named from the folder ({@code memo.txt},
     * {@code FY2020 第2期/古い/}): beside policy periods, whatever is not a period (a {@code tests/} there too: each
     * period has its own); in each policy, what {@link RuleFiles#unread} finds.
     */
    public static List<String> unread(Path folder) {
        List<Period> periods = periods(folder);
        if (periods.get(0).firstYear() == null) {
            return RuleFiles.unread(folder);
        }
        List<Path> periodFolders = periods.stream().map(Period::folder).toList();
        List<String> unread = new ArrayList<>(RuleFiles.list(folder).stream().filter(p -> !periodFolders.contains(p))
                .map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).toList());
        for (Period p : periods) {
            RuleFiles.unread(p.folder()).forEach(name -> unread.add(p.folder().getFileName() + "/" + name));
        }
        return unread;
    }

    /** The first fiscal year a subfolder's name starts with; null when it does not start with one. */
    static Integer firstYear(String name) {
        Matcher m = PERIOD.matcher(name.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            return FiscalYear.parse(m.group(1));
        } catch (IllegalArgumentException notAYear) {
            return null;
        }
    }
}
