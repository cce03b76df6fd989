package jp.kpireview.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.cli.Cli;
import jp.kpireview.domain.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target revised mid-plan (上方修正): 改定目標値 with the year it is in force from, 改定年度. The rules judge each year
 * against the target in force that year, and the reports show that target.
 */
class TargetRevisionTest {

    /** A count to 10 by R1, revised to 20 from H29: H28 on the path to 10, H29 and H30 on the path to 20. */
    private static final String SHEET = "KPI番号,プロジェクト,事業名,KPI,単位,方向,基準年度,基準値,目標年度,目標値,改定目標値,改定年度,"
            + "H27実績値,H28実績値,H29実績値,H30実績値\n"
            + "1,(1) 暮らし,空き家対策,空き家の解消件数,件,↗,H26,0,R1,10,20,H29,2,4,8,12\n";

    @TempDir
    Path dir;

    @Test
    void eachYearIsJudgedAgainstTheTargetInForceThatYear() throws IOException {
        Path data = Files.writeString(dir.resolve("town.csv"), SHEET);
        Path out = dir.resolve("out");
        String run = Cli.run("batch", "--quiet", "--data", data.toString(), "--out", out.toString(), "--formats",
                "csv,json,xlsx");
        assertTrue(run.startsWith("0\n"), run);
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        // the linear path from the first actual (H27, step 1) to R1 (step 5): to 10, then to 20
        assertTrue(results.get(2).startsWith("town,1,FY2016,scored,linear,4,100.00,100.00,◎,false,"), results.get(2));
        assertTrue(results.get(3).startsWith("town,1,FY2017,scored,linear,12,66.67,66.67,○,false,"), results.get(3));
        // 12 would reach the first target (◎ ☆); against the revised 20 it is ○ without ☆
        assertTrue(results.get(4).startsWith("town,1,FY2018,scored,linear,16,75.00,75.00,○,false,"), results.get(4));
        assertTrue(Files.readString(out.resolve("results.json")).contains("\"finalTarget\":10,\"targetRevisions\":"
                + "[{\"from\":\"FY2017\",\"target\":20}]"));
        assertEquals("10", target(out, "FY2016 (H28)"));
        assertEquals("20", target(out, "FY2018 (H30)"));
        String explain = Cli.run("explain", "--data", data.toString(), "--year", "H30", "--kpi", "1");
        assertTrue(explain.contains("目標値 20件 (H31/R1; H29 に改定、改定前 10件)"), explain);
    }

    private static String target(Path out, String sheet) throws IOException {
        List<List<String>> rows = jp.kpireview.report.ReportXlsxTest.rows(out.resolve("report.xlsx"), sheet);
        return rows.get(1).get(rows.get(0).indexOf("目標値"));
    }

    @Test
    void aRevisionNeedsItsYearWithinThePlan() throws IOException {
        Path noYear = Files.writeString(dir.resolve("no-year.csv"), SHEET.replace(",20,H29,", ",20,,"));
        DataException e = assertThrows(DataException.class, () -> KpiCsv.read(noYear));
        assertEquals(noYear + ":2: 改定年度: 空欄です: この列は必ず書きます (missing value)", e.getMessage());
        Path late = Files.writeString(dir.resolve("late.csv"), SHEET.replace(",20,H29,", ",20,R2,"));
        e = assertThrows(DataException.class, () -> KpiCsv.read(late));
        assertTrue(e.getMessage().startsWith(late + ":2: 改定年度: 改定年度 FY2020 が計画の期間 (基準年度 FY2014 より後、"
                + "目標年度 FY2019 まで) にありません (the revised target is in force from FY2020, which is not within"
                + " the plan)"), e.getMessage());
    }
}
