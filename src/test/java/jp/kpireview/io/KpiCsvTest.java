package jp.kpireview.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.Kpi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KpiCsvTest {

    private static final String HEADER = "kpi_id,project,business_no,business,kpi,unit,direction,baseline_year,"
            + "baseline,target_year,target,FY2015,FY2016,FY2017,FY2018,annual_target_FY2018\n";

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path file = dir.resolve("kpis.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The annual target's column under its older name, plan_FY2018, is still read. */
    @Test
    void theOlderNameOfTheAnnualTargetColumnIsRead() throws IOException {
        Path file = csv("kpi_id,project,business_no,business,kpi,unit,direction,baseline_year,baseline,target_year,"
                + "target,FY2018,plan_FY2018\n1,(1),1,b,k,件,↗,FY2014,0,FY2019,10,8,9\n");
        assertEquals(new BigDecimal("9"), KpiCsv.read(file).get(0).annualTarget(2018).orElseThrow());
    }

    @Test
    void readsARow() throws IOException {
        Kpi kpi = KpiCsv.read(csv(HEADER + "8a,(1) p,8,除雪事業,除雪依頼,件,↘,FY2014,1199,H31,830,488,836,,429,\n"))
                .get(0);
        assertEquals("8a", kpi.id());
        assertEquals(2014, kpi.baselineYear());
        assertEquals(2019, kpi.targetYear());
        assertEquals(new BigDecimal("1199"), kpi.baseline());
        assertEquals(List.of(2015, 2016, 2018), List.copyOf(kpi.actuals().keySet()));
        assertTrue(kpi.annualTargets().isEmpty());
        assertEquals("kpis.csv", Path.of(kpi.source().file()).getFileName().toString());
        assertEquals(2, kpi.source().line());
    }

    /**
     * A column with neither heading nor value (Excel keeps one after a cell was cleared) holds nothing and is passed
     * over; a value under no heading, or past the last heading, is an error at its row and column, and a heading
     * written twice is one at the header: no value is left out without a word, none said in Commons CSV's English.
     */
    @Test
    void columnsWithoutAHeadingAndHeadingsWrittenTwice() throws IOException {
        String header = HEADER.strip();
        String row = "8a,(1) p,8,除雪事業,除雪依頼,件,↘,FY2014,1199,H31,830,488,836,,429,";
        assertEquals("8a", KpiCsv.read(csv(header + ",\n" + row + ",\n")).get(0).id());
        DataException unheaded = assertThrows(DataException.class, () -> KpiCsv.read(csv(header + ",,担当課\n"
                + row + ",,建設課\n" + row.replace("8a", "8b") + ",余り,建設課,追記\n")));
        Path file = dir.resolve("kpis.csv");
        assertEquals(List.of(file + ":3: Q列: 見出しのない列に値 '余り' があります。見出しを書くか、値を消してください"
                + " (a value under no heading)", file + ":3: S列: 見出しのない列に値 '追記' があります。見出しを書くか、値を"
                + "消してください (a value under no heading)"), unheaded.problems().stream().map(Object::toString).toList());
        DataException twice = assertThrows(DataException.class, () -> KpiCsv.read(csv(header + ",担当課,担当課\n"
                + row + ",建設課,建設部\n")));
        assertEquals(file + ":1: 担当課: 列 '担当課' が二つあります: 一つにするか、どちらかの名前を変えてください"
                + " (a heading written twice)", twice.getMessage());
    }

    /** A row that stops early (a sheet saved without its trailing empty cells) has those cells empty. */
    @Test
    void aShortRowHasItsLastCellsEmpty() throws IOException {
        Kpi kpi = KpiCsv.read(csv(HEADER + "8a,(1) p,8,除雪事業,除雪依頼,件,↘,FY2014,1199,H31,830,488,836\n")).get(0);
        assertEquals(List.of(2015, 2016), List.copyOf(kpi.actuals().keySet()));
        assertTrue(kpi.annualTargets().isEmpty());
    }

    @Test
    void acceptsAByteOrderMark() throws IOException {
        assertEquals("1", KpiCsv.read(csv("\uFEFF" + HEADER + "1,p,1,b,k,棟,↗,2014,18,2019,48,21,27,31,34,\n"))
                .get(0).id());
    }

    @Test
    void writeThenReadGivesTheSameKpis() throws IOException {
        List<Kpi> kpis = KpiCsv.read(csv(HEADER + "10,\"(1) p, q\",10,b,k,件,↗,2014,2,2019,4,3,3,3,4,3.6\n"));
        Path copy = dir.resolve("copy.csv");
        KpiCsv.write(copy, kpis);
        Kpi again = KpiCsv.read(copy).get(0);
        Kpi first = kpis.get(0);
        assertEquals(first.project(), again.project());
        assertEquals(first.actuals(), again.actuals());
        assertEquals(first.annualTargets(), again.annualTargets());
        assertEquals(new BigDecimal("3.6"), again.annualTarget(2018).orElseThrow());
    }

    @Test
    void aMalformedNumberNamesFileLineAndColumn() throws IOException {
        Path file = csv(HEADER + "1,p,1,b,k,棟,↗,2014,18,2019,48,21,27,31,34,\n"
                + "2,p,2,b,k,件,↘,2014,\"1,199\",2019,830,488,836,639,429,\n");
        DataException e = assertThrows(DataException.class, () -> KpiCsv.read(file));
        assertEquals(file + ":3: baseline: '1,199' は数ではありません: 1199 や 75.9 のように数だけを書きます (区切り・単位・空白なし) (not a number)", e.getMessage());
    }

    @Test
    void everyBadCellIsReportedNotOnlyTheFirst() throws IOException {
        // (an empty direction is the rules' to judge: a policy may give one, or report that there is none)
        Path file = csv(HEADER + "1,p,1,b,k,棟,?,2014,18,H99x,48,21,27,31,3x4,\n");
        DataException e = assertThrows(DataException.class, () -> KpiCsv.read(file, java.util.Set.of("↗")));
        assertEquals(List.of("direction", "target_year", "FY2018"),
                e.problems().stream().map(p -> p.field()).toList());
    }

    @Test
    void aYearWrittenOnEveryRowIsReadOnEveryRowAndABadOneReportedOnEach() throws IOException {
        // the table parses each distinct year text once: a bad one must still be reported on every row it is on
        Path good = csv(HEADER + "1,p,1,b,k,棟,↗,H26,18,2019,48,21,27,31,34,\n2,p,1,b,k,棟,↗,H26,5,2019,9,6,7,8,9,\n");
        assertEquals(List.of(2014, 2014), KpiCsv.read(good).stream().map(Kpi::baselineYear).toList());
        Path bad = csv(HEADER + "1,p,1,b,k,棟,↗,H99x,18,2019,48,21,27,31,34,\n2,p,1,b,k,棟,↗,H99x,5,2019,9,6,7,8,9,\n");
        DataException e = assertThrows(DataException.class, () -> KpiCsv.read(bad));
        assertEquals(List.of("baseline_year", "baseline_year"), e.problems().stream().map(p -> p.field()).toList());
        assertEquals(List.of(2, 3), e.problems().stream().map(p -> p.source().line()).toList());
    }

    @Test
    void aMissingColumnIsReportedOnTheHeaderLine() throws IOException {
        Path file = csv("kpi_id,project,FY2018\n1,p,3\n");
        DataException e = assertThrows(DataException.class, () -> KpiCsv.read(file));
        assertTrue(e.getMessage().startsWith(file + ":1: header: 列がありません: 事業名 (business)、KPI (kpi)、"
                + "単位 (unit)"), e.getMessage());
    }

    @Test
    void anUnknownColumnIsReportedNotIgnored() throws IOException {
        Path file = csv(HEADER.replace("FY2016", "FY216") + "1,p,1,b,k,棟,↗,2014,18,2019,48,21,27,31,34,\n");
        DataException e = assertThrows(DataException.class, () -> KpiCsv.read(file));
        assertTrue(e.getMessage().startsWith(file + ":1: FY216: 列 'FY216' は年度の列に見えますが、年度として読めません"),
                e.getMessage());
    }

    @Test
    void aDuplicateIdNamesBothLines() throws IOException {
        Path file = csv(HEADER + "1,p,1,b,k,棟,↗,2014,18,2019,48,21,27,31,34,\n1,p,1,b,k,棟,↗,2014,18,2019,48,,,,,\n");
        DataException e = assertThrows(DataException.class, () -> KpiCsv.read(file));
        assertEquals(file + ":3: kpi_id: 番号 '1' が二度使われています (最初は 2 行目)", e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws IOException {
        Path file = dir.resolve("sjis.csv");
        Files.write(file, (HEADER + "1,p,1,事業,k,棟,↗,2014,18,2019,48,21,27,31,34,\n").getBytes("Shift_JIS"));
        DataException e = assertThrows(DataException.class, () -> KpiCsv.read(file));
        assertEquals(file + ":1: encoding: UTF-8 のファイルではありません: Excel では「CSV UTF-8 (コンマ区切り)」で保存してください (the file is not UTF-8)", e.getMessage());
    }
}
