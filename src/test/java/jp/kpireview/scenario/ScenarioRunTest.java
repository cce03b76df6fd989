package jp.kpireview.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.domain.DataException;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunTest {

    private static final String HEADER = "case,year,direction,unit,baseline_year,baseline,target_year,target,FY2015,"
            + "FY2018,expect_status,expect_reference,expect_score,expect_band,expect_achieved\n";

    @TempDir
    Path dir;

    private ScenarioRun.Result run(String rows) throws IOException {
        Path file = dir.resolve("cases.csv");
        Files.writeString(file, HEADER + rows);
        return ScenarioRun.run(KpiFixture.rules(), ScenarioFile.read(file));
    }

    @Test
    void aWrongExpectationNamesTheFileTheRowAndWhatDiffered() throws IOException {
        ScenarioRun.Result result = run("ok,FY2018,↗,件,FY2014,0,FY2019,10,2,4,scored,8,50,○,false\n"
                + "wrong,FY2018,↗,件,FY2014,0,FY2019,10,2,4,scored,8,60.00,◎,\n");
        assertEquals(List.of(dir.resolve("cases.csv") + ":3: 'wrong': score の期待は 60.00、結果は 50.00 (scored, ○)",
                dir.resolve("cases.csv") + ":3: 'wrong': band の期待は ◎、結果は ○"),
                result.failures().stream().map(Object::toString).toList());
    }

    @Test
    void numbersAreComparedToTheDecimalsWritten() throws IOException {
        // FY2015 is step 1 of 3 towards FY2017: the annual target 10/3 = 3.333…, written 3.33
        assertEquals(List.of(), run("thirds,FY2015,↗,%,FY2014,0,FY2017,10,2,,scored,3.33,60,○,false\n").failures());
        assertEquals(List.of("reference"), run("thirds,FY2015,↗,%,FY2014,0,FY2017,10,2,,scored,3.34,60,○,false\n")
                .failures().stream().map(ScenarioRun.Failure::field).toList(), "3.333… to 2 decimals is 3.33, not 3.34");
    }

    @Test
    void aCaseCanExpectItsDataToBeRefused() throws IOException {
        assertEquals(List.of(), run("unknown,FY2018,up,件,FY2014,0,FY2019,10,2,4,data_error,,,,\n").failures());
        assertEquals(List.of("status"), run("known,FY2018,↗,件,FY2014,0,FY2019,10,2,4,data_error,,,,\n").failures()
                .stream().map(ScenarioRun.Failure::field).toList());
    }

    @Test
    void aBrokenScenarioFileIsLocated() throws IOException {
        Path file = dir.resolve("cases.csv");
        Files.writeString(file, HEADER + "bad,FY2018,↗,件,FY2014,zero,FY2019,10,2,4,scored,,,,\n");
        DataException e = assertThrows(DataException.class, () -> ScenarioFile.read(file));
        assertEquals(file + ":2: baseline: 'zero' は数ではありません: 1199 や 75.9 のように数だけを書きます (区切り・単位・空白なし) (not a number)", e.getMessage());
    }

    /** A comma too few moves the note into expect_achieved; it used to pass as "false" unnoticed. */
    @Test
    void aRowThatDoesNotFitTheHeaderIsLocated() throws IOException {
        Path file = dir.resolve("cases.csv");
        Files.writeString(file, HEADER + "short,FY2018,↗,件,FY2014,0,FY2019,10,2,4,scored,8,50,○\n"
                + "worded,FY2018,↗,件,FY2014,0,FY2019,10,2,4,scored,8,50,○,4 of 8\n");
        DataException e = assertThrows(DataException.class, () -> ScenarioFile.read(file));
        assertEquals(List.of(file + ":2: case: この行は 14 列、見出しは 15 列です (コンマの抜けや余分がないか、"
                + "コンマを含む値を \"…\" で囲んだかを確かめてください)", file + ":3: expect_achieved: '4 of 8' は true、"
                + "false、☆ のどれかです (空欄なら確かめません)"), e.problems().stream().map(Object::toString).toList());
    }

    /** An expectation this tool does not know would never be checked: one error at the header, naming the known. */
    @Test
    void anUnknownExpectationIsOneErrorAtTheHeader() throws IOException {
        Path file = dir.resolve("cases.csv");
        Files.writeString(file, HEADER.replace("expect_band", "expect_bnad")
                + "ok,FY2018,↗,件,FY2014,0,FY2019,10,2,4,scored,8,50,○,false\n");
        DataException e = assertThrows(DataException.class, () -> ScenarioFile.read(file));
        assertEquals(List.of(file + ":1: expect_bnad: 期待の列 'expect_bnad' はありません (書けるのは expect_status,"
                + " expect_reference_kind, expect_reference, expect_raw_score, expect_score, expect_band,"
                + " expect_achieved, expect_counted, expect_average, expect_grade)"),
                e.problems().stream().map(Object::toString).toList());
    }

    /**
     * As in a data sheet: an empty column Excel left after the last (a trailing comma) is passed over, a value under
     * no heading and an expectation written twice are errors in Japanese, not Commons CSV's English.
     */
    @Test
    void columnsWithoutAHeadingAndAnExpectationWrittenTwice() throws IOException {
        String ok = "ok,FY2018,↗,件,FY2014,0,FY2019,10,2,4,scored,8,50,○,false";
        Path file = dir.resolve("cases.csv");
        Files.writeString(file, HEADER.strip() + ",\n" + ok + ",\n");
        assertEquals(List.of(), ScenarioRun.run(KpiFixture.rules(), ScenarioFile.read(file)).failures());
        Files.writeString(file, HEADER.strip() + ",\n" + ok + ",○\n");
        DataException unheaded = assertThrows(DataException.class, () -> ScenarioFile.read(file));
        assertEquals(file + ":2: P列: 見出しのない列に値 '○' があります。見出しを書くか、値を消してください"
                + " (a value under no heading)", unheaded.getMessage());
        Files.writeString(file, HEADER.strip() + ",expect_band\n" + ok + ",◎\n");
        DataException twice = assertThrows(DataException.class, () -> ScenarioFile.read(file));
        assertEquals(file + ":1: expect_band: 列 'expect_band' が二つあります: 一つにしてください (a heading written"
                + " twice)", twice.getMessage());
    }
}
