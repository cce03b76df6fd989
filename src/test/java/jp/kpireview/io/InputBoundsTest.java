package jp.kpireview.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.domain.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile input gets a located error within the bounds of {@link InputLimits}, never a computation or a heap. */
class InputBoundsTest {

    private static final String HEADER = TestWorkbooks.HEADER;

    @TempDir
    Path dir;

    @Test
    void aNumberWithAHugeExponentInAWorkbookIsALocatedError() throws IOException {
        Path file = workbook("huge.xlsx", "<c r=\"L2\"><v>1E99999999</v></c>", "");
        DataException e = assertThrows(DataException.class, () -> KpiData.read(file));
        assertEquals(file + ":KPI/2: FY2018: '1E99999999' は大きすぎるか小さすぎる数です (30 桁までの数を、指数なしで"
                + "書きます)", e.getMessage());
    }

    @Test
    void aWorkbookThatExpandsWithoutLimitIsRefusedBeforeItIsParsed() throws IOException {
        // 80 MB of empty comments: each short, so it is the expansion that is refused (a long text is refused sooner)
        Path file = workbook("bomb.xlsx", "<c r=\"L2\"><v>5</v></c>", "<!---->".repeat(12 << 20));
        assertTrue(Files.size(file) < 1 << 20, "a small file");
        DataException e = assertThrows(DataException.class, () -> KpiData.read(file));
        assertTrue(e.getMessage().contains("このブックは受けられません: 展開すると 64 MB を超えます"), e.getMessage());
    }

    @Test
    void tenThousandBadRowsGiveTheFirstHundredProblemsAndTheCount() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 10_000; i++) {
            csv.append(i).append(",p,1,b,k,件,↗,FY2014,0,FY2019,x,1\n");
        }
        Path file = Files.writeString(dir.resolve("bad.csv"), csv);
        DataException e = assertThrows(DataException.class, () -> KpiData.read(file));
        assertEquals(100, e.problems().size());
        assertEquals(10_000, e.total());
        assertEquals("ほかに 9,900 件の誤りがあります (全部で 10,000 件)。まずこれらを直してください"
                + " (… and 9,900 more problems, 10,000 in all)", e.more());
    }

    @Test
    void tooManyDigitsAndTooLongCellsAreLocatedErrors() throws IOException {
        Path file = Files.writeString(dir.resolve("long.csv"), HEADER + "\n1,p,1,b," + "k".repeat(3000)
                + ",件,↗,FY2014,0,FY2019,10,1\n2,p,1,b,k,件,↗,FY2014,0,FY2019," + "9".repeat(1000) + ",1\n");
        DataException e = assertThrows(DataException.class, () -> KpiData.read(file));
        assertEquals(List.of(file + ":2: kpi: セルの文字が多すぎます (3,000 文字、2,000 文字まで)",
                file + ":3: target: '9999999999999999999999999999999999999…' は桁が多すぎます (数は 30 桁まで)"), e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void textThatExcelWouldRunAsAFormulaIsNeutralised() {
        assertEquals(List.of("'=HYPERLINK(\"x\")", "'+cmd|' /C calc'!A0", "'@SUM(A1)", "'-sum", "-6.06", "12", "a=b",
                        "'\tx"),
                Csv.safe(List.of("=HYPERLINK(\"x\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "-sum", "-6.06", "12", "a=b",
                        "\tx")));
    }

    private Path workbook(String name, String actual, String padding) throws IOException {
        return TestWorkbooks.kpiSheet(dir.resolve(name), actual, padding);
    }
}
