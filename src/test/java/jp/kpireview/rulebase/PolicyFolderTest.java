package jp.kpireview.rulebase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of policy periods: which subfolders are periods, and what beside them no run reads. */
class PolicyFolderTest {

    @TempDir
    Path dir;

    /** A period is named by its first year as officers write it, in the era's words too; other names are none. */
    @Test
    void aPeriodsNameStartsWithItsFirstYearInAnyFormTheDataTakes() {
        assertEquals(2015, PolicyFolder.firstYear("FY2015 第1期"));
        assertEquals(2020, PolicyFolder.firstYear("2020"));
        assertEquals(2020, PolicyFolder.firstYear("R2-改定"));
        assertEquals(2020, PolicyFolder.firstYear("令和2年度 第2期"));
        assertEquals(2020, PolicyFolder.firstYear("令和2年度から"));
        assertEquals(2019, PolicyFolder.firstYear("令和元年度"));
        assertEquals(2015, PolicyFolder.firstYear("平成27年度_第1期"));
        assertNull(PolicyFolder.firstYear("tests"));
        assertNull(PolicyFolder.firstYear("令和"));
        assertNull(PolicyFolder.firstYear("2020abc"));
        assertNull(PolicyFolder.firstYear("第2期"));
    }

    /**
     * Beside periods, a folder that is no period (tests/ too: each period has its own) and a file are listed, as is
     * what a period holds unread.
     */
    @Test
    void whatNoRunReadsBesidePeriodsIsListedFromTheFolder() throws IOException {
        Path first = Files.createDirectories(dir.resolve("平成27年度 第1期"));
        Path second = Files.createDirectories(dir.resolve("令和2年度 第2期"));
        for (Path period : List.of(first, second)) {
            Files.writeString(period.resolve("bands.drl"), "package kpireview.rules;\n");
            Files.createDirectories(period.resolve("tests"));
        }
        Files.createDirectories(dir.resolve("第3期の案"));
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("メモ.txt"), "");
        Files.writeString(second.resolve("bands.drl.old"), "");
        assertEquals(List.of(2015, 2020), PolicyFolder.periods(dir).stream().map(PolicyFolder.Period::firstYear)
                .toList());
        assertEquals(List.of("tests/", "メモ.txt", "第3期の案/", "令和2年度 第2期/bands.drl.old"),
                PolicyFolder.unread(dir));
    }
}
