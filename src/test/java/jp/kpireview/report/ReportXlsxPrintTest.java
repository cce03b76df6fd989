package jp.kpireview.report;

import static jp.kpireview.system.Programs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.cli.Cli;
import jp.kpireview.system.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.xlsx printed by a real spreadsheet, as city staff print the review table: LibreOffice Calc (headless)
 * turns the Otaru workbook into a PDF, and poppler's pdfinfo and pdftotext read it back. Every page is A4 landscape,
 * each sheet is one page wide, and the header row is printed again on every page, tall enough for its wrapped
 * headings, so every page shows the first and the last column and every heading whole. (Unset, Calc printed 41 portrait pages of four columns each.) {@code .ci/run} installs
 * {@code libreoffice-calc-nogui}, {@code fonts-noto-cjk} and {@code poppler-utils} from Debian.
 */
@SystemTest
class ReportXlsxPrintTest {

    @TempDir
    Path dir;

    @Test
    void theWorkbookPrintsOnePageWideWithItsHeaderOnEveryPage() throws Exception {
        String run = Cli.run("batch", "--quiet", "--data", "seeds/otaru-h30.csv", "--formats", "xlsx", "--out",
                dir.toString());
        assertTrue(run.startsWith("0\n"), run);
        run(dir, "soffice", "-env:UserInstallation=" + dir.resolve("profile").toUri(), "--headless", "--convert-to",
                "pdf", "--outdir", dir.toString(), dir.resolve("report.xlsx").toString());
        Path pdf = dir.resolve("report.pdf");
        assertTrue(Files.exists(pdf), "LibreOffice wrote no PDF");
        List<String> sheets = ReportXlsxTest.sheetNames(dir.resolve("report.xlsx"));
        int pages = Integer.parseInt(run(dir, "pdfinfo", pdf.toString()).lines().filter(l -> l.startsWith("Pages:"))
                .findFirst().orElseThrow().replaceAll("\\D", ""));
        assertTrue(pages >= sheets.size() && pages <= 2 * sheets.size(), pages + " pages for " + sheets.size()
                + " sheets of at most 78 rows: one page wide, one or two tall");
        String sizes = run(dir, "pdfinfo", "-f", "1", "-l", String.valueOf(pages), pdf.toString());
        assertEquals(pages, sizes.lines().filter(l -> l.matches("Page +\\d+ size: +841\\.\\d+ x 595\\.\\d+ pts.*"))
                .count(), "every page A4 landscape:\n" + sizes);
        String[] text = run(dir, "pdftotext", "-layout", pdf.toString(), "-").split("\f");
        int year = 0;
        for (int page = 0; page < pages; page++) {
            // the header row, its wrapped headings' first lines above the line that starts with 自治体
            List<String> lines = text[page].strip().lines().toList();
            int at = 0;
            while (at < Math.min(3, lines.size() - 1) && !lines.get(at).strip().startsWith("自治体")) {
                at++;
            }
            String header = lines.get(at).strip();
            assertTrue(header.startsWith("自治体"), "page " + (page + 1) + " starts with the header row: " + lines);
            String wrapped = String.join(" ", lines.subList(0, at));
            if (header.contains("基準値")) {
                // a heading wrapped to two lines is printed whole (the row once kept one line: 補正前スコア as ア)
                assertTrue(wrapped.contains("補正前スコ") && header.contains("ア"), "page " + (page + 1) + ": "
                        + lines.subList(0, at + 1));
            }
            // the last column holds each row's policy (rules@…), on the 推移 sheet the trend (↑ 上昇 …)
            boolean trends = header.contains("H27 区分");
            assertTrue(trends ? text[page].matches("(?s).*[↑↓→] (上昇|低下|横ばい).*") : text[page].contains("rules@"),
                    "page " + (page + 1) + " holds the last column:\n" + text[page]);
            year += header.contains("基準値") ? 1 : 0;
        }
        assertTrue(year >= 4, "the four year sheets: " + year + " pages");
    }
}
