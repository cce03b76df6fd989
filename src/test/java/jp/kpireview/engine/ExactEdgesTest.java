package jp.kpireview.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.cli.Cli;
import jp.kpireview.report.ReportXlsxTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A band edge is decided on the exact score; rounding is for printing. KPI 36a (baseline 130425) planted at 130420
 * for FY2018 is 5 behind its baseline: its raw score −0.0024 prints 0.00, yet it is × 基準未満 in every output, and
 * plan says ● needs the baseline itself, never a value behind it.
 */
class ExactEdgesTest {

    @TempDir
    Path dir;

    @Test
    void aKpiAHairBehindItsBaselineIsBelowTheBaselineEverywhere() throws IOException {
        Path data = dir.resolve("otaru.csv");
        List<String> lines = Files.readAllLines(Path.of("seeds/otaru-h30.csv"));
        String row = lines.stream().filter(l -> l.startsWith("小樽市,36a,")).findFirst().orElseThrow();
        String planted = row.replace(",219738,", ",130420,");
        assertTrue(!planted.equals(row), row);
        Files.write(data, lines.stream().map(l -> l.equals(row) ? planted : l).toList());
        Path out = dir.resolve("out");
        String printed = Cli.run("batch", "--quiet", "--data", data.toString(), "--years", "FY2018", "--out",
                out.toString());
        assertTrue(printed.startsWith("0\n"), printed);

        String results = Files.readAllLines(out.resolve("results.csv")).stream()
                .filter(l -> l.startsWith("小樽市,36a,FY2018,")).findFirst().orElseThrow();
        assertTrue(results.startsWith("小樽市,36a,FY2018,scored,final,340000,0.00,0.00,×,false,"), results);
        assertTrue(Files.readString(out.resolve("results.json")).contains("\"actual\":130420,\"status\":\"scored\","
                + "\"referenceKind\":\"final\",\"reference\":340000,\"rawScore\":0.00,\"score\":0.00,\"scoreShown\":\"0.00\",\"band\":\"×\""));
        // (3) にぎわい再生プロジェクト: × 4 → 5, ○ 7 → 6
        assertTrue(Files.readString(out.resolve("summary.csv")).contains(",(3) にぎわい再生プロジェクト,FY2018,18,18,21,"
                + "21,41.26,5,3,6,7,2,"), Files.readString(out.resolve("summary.csv")));
        String html = Files.readString(out.resolve("report.html"));
        String htmlRow = html.substring(html.indexOf("<tr><td>36a</td>"), html.indexOf("</tr>",
                html.indexOf("<tr><td>36a</td>")));
        assertTrue(htmlRow.contains(">×</td>") && !htmlRow.contains(">●</td>"), htmlRow);
        List<String> sheetRow = ReportXlsxTest.rows(out.resolve("report.xlsx"), "FY2018 (H30)").stream()
                .filter(r -> r.size() > 2 && r.get(2).equals("36a")).findFirst().orElseThrow();
        assertTrue(sheetRow.contains("×") && !sheetRow.contains("●"), sheetRow.toString());
        String table = Cli.run("evaluate", "--data", data.toString(), "--year", "FY2018", "--out",
                dir.resolve("evaluate").toString());
        assertTrue(table.lines().anyMatch(l -> l.startsWith("  36a") && l.contains(" 0.00 ×")), table);
        String explain = Cli.run("explain", "--data", data.toString(), "--year", "FY2018", "--kpi", "36a");
        assertTrue(explain.contains("実績値 130420 が基準値 130425 に届かないため")
                && explain.contains("結果: スコア 0.00 · 区分 × 基準未満"), explain);

        Cli.run("plan", "--data", data.toString(), "--year", "FY2018", "--out", dir.resolve("plan").toString());
        String need = Files.readAllLines(dir.resolve("plan/plan.csv")).stream()
                .filter(l -> l.startsWith("小樽市,36a,")).findFirst().orElseThrow();
        // needs_● is the baseline itself: 130425, not 130415 (which rounds to 0.00 but is behind it)
        assertEquals("130425", need.split(",")[8], need);
    }
}
