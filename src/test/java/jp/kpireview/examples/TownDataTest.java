package jp.kpireview.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.kpireview.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data as towns publish it: no baseline where the policy does not use one, and targets printed "80%以上" /
 * "30件以下" whose bound gives the direction when the symbol column is empty.
 */
class TownDataTest {

    private static final String HEADER = "municipality,kpi_id,project,business_no,business,kpi,unit,direction,"
            + "baseline_year,baseline,target_year,target,FY2018\n";

    @TempDir
    Path dir;

    private Path data(String rows) throws IOException {
        Path file = dir.resolve("town.csv");
        Files.writeString(file, HEADER + rows);
        return file;
    }

    @Test
    void aPolicyThatUsesNoBaselineReadsKpisWithoutOneAndTargetsWithTheirBound() throws IOException {
        Path data = data("例町,1,(1) 例,1,健診事業,受診率,%,,,,FY2019,80%以上,75.0\n"
                + "例町,2,(1) 例,2,防災事業,事故件数,件,,,,FY2019,30件以下,40\n");
        String out = Cli.run("evaluate", "--rules", "examples/policies/achievement-ratio", "--data", data.toString(),
                "--year", "FY2018", "--out", dir.resolve("out").toString());
        // 75.0 / 80 = 93.8 % (B); a decrease: 30 / 40 = 75.0 % (C)
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("  1 ") && l.contains("以上") && l.contains("—")
                && l.contains("93.8") && l.contains(" B ")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("  2 ") && l.contains("以下") && l.contains("75.0")
                && l.contains(" C ")), out);
        String explain = Cli.run("explain", "--rules", "examples/policies/achievement-ratio", "--data",
                data.toString(), "--year", "FY2018", "--kpi", "1");
        assertTrue(explain.contains("データ: 方向 以上 · 目標値 80%") && !explain.contains("基準値"), explain);
    }

    @Test
    void aPolicyThatUsesTheBaselineNamesTheKpiWithoutOne() throws IOException {
        Path data = data("例町,1,(1) 例,1,健診事業,受診率,%,↗,,,FY2019,80.0,75.0\n");
        String out = Cli.run("evaluate", "--data", data.toString(), "--year", "FY2018", "--out",
                dir.resolve("out").toString());
        assertTrue(out.startsWith("2\n") && out.contains(data + ":2: baseline: KPI 1: 基準値がありません")
                && !out.contains("Exception"), out);
    }

    @Test
    void aBoundThatContradictsTheSymbolIsADataError() throws IOException {
        Path data = data("例町,1,(1) 例,1,健診事業,受診率,%,↘,FY2014,70.0,FY2019,80%以上,75.0\n");
        String out = Cli.run("evaluate", "--data", data.toString(), "--year", "FY2018", "--out",
                dir.resolve("out").toString());
        assertTrue(out.startsWith("2\n") && out.contains(data + ":2: direction: 方向 '↘' が目標値の「以上」と食い違います"),
                out);
    }
}
