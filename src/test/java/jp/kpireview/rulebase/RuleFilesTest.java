package jp.kpireview.rulebase;

import jp.kpireview.engine.Policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.cli.Cli;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules shared between policies through 共通.txt: written once, run as if copied, versioned with every policy. */
class RuleFilesTest {

    @TempDir
    Path dir;

    /** {@code shared/} holds the default rules; {@code five/} its own bands and a 共通.txt naming {@code shared/}. */
    private Path fiveGrades() throws IOException {
        KpiFixture.copyOfRules(dir.resolve("shared"), text -> text);
        Path five = Files.createDirectories(dir.resolve("five"));
        Files.copy(Path.of("examples/policies/five-grades/区分表.csv"), five.resolve("区分表.csv"));
        Files.writeString(five.resolve(RuleFiles.SHARED), "# 共通のルール\n../shared\n");
        Files.createDirectories(five.resolve("tests"));
        for (String scenarios : List.of("scoring.csv", "summary.csv", "direction.csv")) {
            Files.copy(Path.of("examples/policies/five-grades/tests", scenarios), five.resolve("tests").resolve(scenarios));
        }
        return five;
    }

    @Test
    void aFolderRunsItsOwnFilesAndTheSharedOnesItHasNot() throws IOException {
        Path five = fiveGrades();
        List<RuleFiles.RuleFile> files = RuleFiles.of(five);
        assertEquals(List.of("achievement.drl", "average.drl", "bands.drl", "direction.drl", "maintain.drl",
                "no-actual.drl", "reference.drl", "score-band.drl", "score.drl", "summary.drl", "terms.drl",
                "スコアの範囲.csv", "スコアの範囲.drt", "区分表.csv", "区分表.drt", "方向の記号.csv", "方向の記号.drt", "許容幅.csv",
                "許容幅.drt"), files.stream().map(RuleFiles.RuleFile::name).toList());
        RuleFiles.RuleFile bands = files.stream().filter(f -> f.name().equals("区分表.csv")).findFirst().orElseThrow();
        assertEquals(five.resolve("区分表.csv"), bands.path());
        assertTrue(files.stream().filter(f -> !f.name().equals("区分表.csv")).allMatch(f -> f.from().equals("../shared")));
        String validate = Cli.run("validate", "--rules", five.toString());
        assertTrue(validate.startsWith("0\n") && validate.contains("共通: achievement.drl (../shared)")
                && validate.contains("区分: D 最初の境界より下 · C 0 から"), validate);
    }

    /**
     * Two files of one table in one folder (区分表.csv and an edited 区分表.xlsx): an error naming both, not the CSV
     * taken and the workbook silently ignored.
     */
    @Test
    void twoFilesOfOneTableInAFolderAreRefusedNamingBoth() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("two"), text -> text);
        Files.copy(rules.resolve("区分表.csv"), rules.resolve("区分表.xlsx"));
        String validate = Cli.run("validate", "--rules", rules.toString());
        assertTrue(validate.startsWith("2\n") && validate.contains("同じ表・ルールのファイルが二つあります: 区分表.csv と"
                + " 区分表.xlsx。使う方だけを残してください"), validate);
        // across folders a folder's own file still replaces the shared one of its name
        assertEquals(0, Integer.parseInt(Cli.run("validate", "--rules", fiveGrades().toString()).substring(0, 1)));
    }

    @Test
    void aChangeToASharedRuleChangesTheVersionOfEveryPolicyThatRunsIt() throws IOException {
        Path five = fiveGrades();
        String before = Policy.hash(five);
        Path limits = dir.resolve("shared/スコアの範囲.csv");
        Files.writeString(limits, Files.readString(limits).replace("-100,100", "-100,120"));
        assertNotEquals(before, Policy.hash(five));
    }

    @Test
    void aFolderDrlReplacesASharedTableOfTheSameName() throws IOException {
        Path five = fiveGrades();
        Files.writeString(five.resolve("許容幅.drl"), Files.readString(Path.of(
                "examples/policies/maintain-tolerance/許容幅.drl")));
        List<String> names = RuleFiles.of(five).stream().map(RuleFiles.RuleFile::name).toList();
        assertTrue(names.contains("許容幅.drl") && !names.contains("許容幅.csv") && !names.contains("許容幅.drt"), names.toString());
    }

    @Test
    void aSharedFolderThatIsNotThereIsALocatedError() throws IOException {
        Path five = fiveGrades();
        Files.writeString(five.resolve(RuleFiles.SHARED), "# 共通のルール\n../shared\n../common/direction.drl\n");
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleFiles.of(five));
        assertEquals(five.resolve(RuleFiles.SHARED) + ":3: 共通のルール '../common/direction.drl' がありません: 共通.txt の"
                + "あるフォルダからの位置で書きます (no such rule file or folder; write it relative to the folder of"
                + " 共通.txt)", e.getMessage());
    }

    /** A rule file saved with an upper-case extension (新しいルール.DRL) is refused, not left out unseen. */
    @Test
    void aRuleFileWithAnUpperCaseExtensionIsRefusedNotLeftOut() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("upper"), text -> text);
        Files.copy(rules.resolve("achievement.drl"), rules.resolve("新しいルール.DRL"));
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleFiles.of(rules));
        assertEquals(rules.resolve("新しいルール.DRL") + ": 拡張子が小文字の .drl ではないため、このファイルはルールとして読まれ"
                + "ません: 名前を 新しいルール.drl にしてください (write the extension in lower case)", e.getMessage());
    }

    /**
     * What the system keeps beside an officer's files — Excel's owner file of an open workbook, macOS's hidden copy on
     * a shared folder — is no rule file, nor listed as unread; a memo, an old copy and a stray folder are listed, and
     * tests/, 共通.txt and a folder 共通.txt names are not.
     */
    @Test
    void whatNoRunReadsIsListedAndTheSystemsOwnFilesAreNot() throws IOException {
        Path five = fiveGrades();
        Files.writeString(five.resolve("~$区分表.xlsx"), "owner");
        Files.writeString(five.resolve("._区分表.csv"), "apple double");
        Files.writeString(five.resolve("memo.txt"), "来年の案");
        Files.copy(five.resolve("区分表.csv"), five.resolve("区分表.csv.bak"));
        Files.createDirectories(five.resolve("古い"));
        Files.createDirectories(five.resolve("common"));
        Files.writeString(five.resolve("tests/メモ.txt"), "場面の案");
        Files.writeString(five.resolve("tests/~$scoring.csv"), "owner");
        Files.writeString(five.resolve(RuleFiles.SHARED), "../shared\ncommon\n");
        assertEquals(List.of("memo.txt", "区分表.csv.bak", "古い/", "tests/メモ.txt"), RuleFiles.unread(five));
        List<String> names = RuleFiles.of(five).stream().map(RuleFiles.RuleFile::name).toList();
        assertEquals(19, names.size(), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.startsWith("~$") || n.startsWith(".")), names.toString());
        String validate = Cli.run("validate", "--rules", five.toString());
        assertTrue(validate.startsWith("0\n") && validate.contains("注意: 読まないもの: memo.txt、区分表.csv.bak、古い/、"
                + "tests/メモ.txt (ルール・表・テンプレート・共通.txt・期間のフォルダ・tests/ の場面のファイルのどれでもないため、使われません)"),
                validate);
    }
}
