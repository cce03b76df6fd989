package jp.kpireview.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule folder's history: versions with who and why, publishing against a base, restoring, a kill's leftovers. */
class PolicyHistoryTest {

    private static final String BANDS = "区分表.csv";

    @TempDir
    Path dir;

    private Path rules() throws IOException {
        return KpiFixture.copyOfPolicy(Path.of("rules"), dir.resolve("rules"), s -> s);
    }

    private static PolicyHistory open(Path rules) {
        return PolicyHistory.open(rules, PolicyHistory.defaultDir(rules), () -> Staging.policies(rules));
    }

    /** The folder's files with the ◎ row's lower edge set to {@code edge}. */
    private static SortedMap<String, byte[]> withTopEdge(PolicyHistory history, String edge) {
        SortedMap<String, byte[]> files = new TreeMap<>(history.files(history.head()));
        String bands = new String(files.get(BANDS), StandardCharsets.UTF_8);
        String edited = bands.replaceFirst("◎,\\d+,", "◎," + edge + ",");
        assertTrue(!edited.equals(bands) || bands.contains("◎," + edge + ","), bands);
        files.put(BANDS, edited.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static Change change(String who, String why) {
        return new Change(who, why, Version.Kind.PUBLISHED, List.of("rules@test"), "");
    }

    @Test
    void aFolderWithoutHistoryBecomesItsFirstVersionBesideIt() throws IOException {
        Path rules = rules();
        try (PolicyHistory history = open(rules)) {
            assertEquals(rules.resolveSibling("rules.history"), history.gitDir());
            Version first = history.head();
            assertEquals(Version.Kind.FIRST, first.kind());
            assertEquals(Staging.policies(rules), first.policies());
            assertTrue(first.changed().contains(BANDS) && first.changed().contains("tests/scoring.csv"),
                    first.changed().toString());
            assertArrayEquals(Files.readAllBytes(rules.resolve(BANDS)), history.files(first).get(BANDS));
            assertEquals(List.of(), history.unrecorded());
        }
        try (PolicyHistory again = open(rules)) {
            assertEquals(1, again.versions().size(), "opened again, the history is the same");
        }
    }

    @Test
    void theHistoryIsRefusedInsideTheRuleFolder() throws IOException {
        Path rules = rules();
        HistoryException e = assertThrows(HistoryException.class, () -> PolicyHistory.open(rules,
                rules.resolve("history"), List::of));
        assertTrue(e.getMessage().contains("ルールのフォルダの外"), e.getMessage());
    }

    @Test
    void anEditOnDiskIsRecordedAsSuchWithTheFilesItChanged() throws IOException {
        Path rules = rules();
        try (PolicyHistory history = open(rules)) {
            Files.writeString(rules.resolve("." + BANDS + ".123.tmp"), "an editor's temporary file");
            Files.writeString(rules.resolve("~$" + BANDS), "Excel's lock file");
            Version same = history.recordFolder("サーバー上の編集", "ファイルの編集", List::of);
            assertEquals(1, history.versions().size(), "temporary and lock files are not versions");
            assertEquals(history.head(), same);

            Files.writeString(rules.resolve(BANDS), Files.readString(rules.resolve(BANDS)).replace("◎,100,", "◎,95,"));
            assertEquals(List.of(BANDS), history.unrecorded());
            Version disk = history.recordFolder("サーバー上の編集", "ファイルの編集", () -> Staging
                    .policies(rules));
            assertEquals(Version.Kind.DISK, disk.kind());
            assertEquals(List.of(BANDS), disk.changed());
            assertEquals("サーバー上の編集", disk.author());
            assertEquals(List.of(), history.unrecorded());
            assertEquals(2, history.versions().size());
        }
    }

    @Test
    void aPublishWritesTheFolderAndKeepsWhoAndWhy() throws IOException {
        Path rules = rules();
        try (PolicyHistory history = open(rules)) {
            Version first = history.head();
            Version published = history.publish(first.id(), withTopEdge(history, "90"),
                    change("山田 花子", "◎ を 90 から (令和8年度 決裁 第12号)"), Runnable::run);
            assertEquals(List.of(BANDS), published.changed());
            assertEquals("山田 花子", published.author());
            assertEquals("◎ を 90 から (令和8年度 決裁 第12号)", published.reason());
            assertEquals(List.of("rules@test"), published.policies());
            assertTrue(Files.readString(rules.resolve(BANDS)).contains("◎,90,"));
            assertEquals(published, history.version(published.shortId()));
            assertEquals(published, history.version("rules@test"));
            assertEquals(first, history.version(first.id().substring(0, 6)));
        }
    }

    @Test
    void aChangeMadeAgainstAnOlderVersionIsRefusedNamingWhatChangedSince() throws IOException {
        Path rules = rules();
        try (PolicyHistory history = open(rules)) {
            Version first = history.head();
            SortedMap<String, byte[]> ninety = withTopEdge(history, "90");
            SortedMap<String, byte[]> eighty = withTopEdge(history, "80");
            Version won = history.publish(first.id(), ninety, change("山田", "90 に"), Runnable::run);
            Conflict lost = assertThrows(Conflict.class, () -> history.publish(first.id(),
                    eighty, change("佐藤", "80 に"), Runnable::run));
            assertEquals(List.of(won), lost.since());
            assertTrue(lost.getMessage().contains(won.shortId()) && lost.getMessage().contains("山田"),
                    lost.getMessage());
            assertTrue(Files.readString(rules.resolve(BANDS)).contains("◎,90,"), "the winner's table stays");
            assertEquals(2, history.versions().size());
        }
    }

    @Test
    void twoPublishersRacingFromTwoProcessesOneWinsTheOtherIsToldWhatChanged() throws Exception {
        Path rules = rules();
        try (PolicyHistory service = open(rules); PolicyHistory commandLine = open(rules)) {
            String base = service.head().id();
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<Version>> results = List.of(
                        two.submit(() -> {
                            start.await();
                            return service.publish(base, withTopEdge(service, "90"), change("山田", "90 に"),
                                    Runnable::run);
                        }),
                        two.submit(() -> {
                            start.await();
                            return commandLine.publish(base, withTopEdge(commandLine, "80"), change("佐藤", "80 に"),
                                    Runnable::run);
                        }));
                List<Version> won = new java.util.ArrayList<>();
                List<Conflict> lost = new java.util.ArrayList<>();
                for (var result : results) {
                    try {
                        won.add(result.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        lost.add((Conflict) e.getCause());
                    }
                }
                assertEquals(1, won.size(), "one wins");
                assertEquals(1, lost.size(), "the other is refused");
                assertEquals(List.of(won.get(0).shortId()), lost.get(0).since().stream().map(
                        Version::shortId).toList(), "and told what changed");
                String edge = won.get(0).author().equals("山田") ? "◎,90," : "◎,80,";
                assertTrue(Files.readString(rules.resolve(BANDS)).contains(edge), "the winner's table, whole");
                assertEquals(2, service.versions().size());
            } finally {
                two.shutdownNow();
            }
        }
    }

    @Test
    void editsOnDiskNotYetRecordedStopAPublish() throws IOException {
        Path rules = rules();
        try (PolicyHistory history = open(rules)) {
            Version first = history.head();
            Files.writeString(rules.resolve("許容幅.csv"), "プロジェクト,単位,許容幅 (%)\n,,7\n");
            HistoryException e = assertThrows(HistoryException.class, () -> history.publish(first.id(),
                    withTopEdge(history, "90"), change("山田", "90 に"), Runnable::run));
            assertTrue(e.getMessage().contains("許容幅.csv"), e.getMessage());
            assertTrue(Files.readString(rules.resolve(BANDS)).contains("◎,100,"), "nothing written");
        }
    }

    @Test
    void aRestoreBringsBackAnEarlierVersionAsANewOne() throws IOException {
        Path rules = rules();
        byte[] original = Files.readAllBytes(rules.resolve(BANDS));
        try (PolicyHistory history = open(rules)) {
            Version first = history.head();
            Files.writeString(rules.resolve("メモ.txt"), "a note added with the change");
            history.recordFolder("サーバー上の編集", "メモ", List::of);
            history.publish(history.head().id(), withTopEdge(history, "90"), change("山田", "90 に"), Runnable::run);
            Version restored = Publisher.restore(history, first.shortId(), "佐藤", "元に戻す",
                    Runnable::run);
            assertEquals(Version.Kind.RESTORED, restored.kind());
            assertEquals(first.shortId(), restored.restoredFrom());
            assertEquals(Staging.policies(rules), restored.policies());
            assertEquals(first.policies(), restored.policies(), "the same files are the same policy version");
            assertArrayEquals(original, Files.readAllBytes(rules.resolve(BANDS)));
            assertFalse(Files.exists(rules.resolve("メモ.txt")), "a file added since is gone");
            assertEquals(4, history.versions().size());
            HistoryException same = assertThrows(HistoryException.class, () -> Publisher.restore(history,
                    first.shortId(), "佐藤", "もう一度", Runnable::run));
            assertTrue(same.getMessage().contains("同じ"), same.getMessage());
        }
    }

    @Test
    void aRestoreOfAVersionThatNoLongerPassesItsChecksIsRefusedWithLocatedErrors() throws IOException {
        Path rules = rules();
        try (PolicyHistory history = open(rules)) {
            // a version whose 区分表 has a word where the rule needs a number, recorded from disk
            Files.writeString(rules.resolve(BANDS), Files.readString(rules.resolve(BANDS)).replace("◎,100,", "◎,百,"));
            Version broken = history.recordFolder("サーバー上の編集", "誤った編集", List::of);
            Files.writeString(rules.resolve(BANDS), Files.readString(rules.resolve(BANDS)).replace("◎,百,", "◎,100,"));
            history.recordFolder("サーバー上の編集", "直した", List::of);
            ChecksFailed e = assertThrows(ChecksFailed.class, () -> Publisher.restore(history, broken.shortId(),
                    "佐藤", "戻す", Runnable::run));
            assertTrue(e.findings().stream().anyMatch(f -> f.file().equals(rules.resolve(BANDS).toString())
                    && f.line() == 5), e.findings().toString());
            assertTrue(Files.readString(rules.resolve(BANDS)).contains("◎,100,"), "the folder is untouched");
            assertEquals(3, history.versions().size());
        }
    }

    @Test
    void aPublishAKillInterruptedIsFinishedOnTheNextOpen() throws IOException {
        Path rules = rules();
        try (PolicyHistory history = open(rules)) {
            // the kill comes after the branch moved and before the folder was written
            history.publish(history.head().id(), withTopEdge(history, "90"), change("山田", "90 に"),
                    write -> {
                        throw new KilledHere();
                    });
        } catch (KilledHere expected) {
            // as a kill would leave it
        }
        assertTrue(Files.readString(rules.resolve(BANDS)).contains("◎,100,"), "the folder as before the kill");
        try (PolicyHistory history = open(rules)) {
            assertEquals("90 に", history.head().reason());
            assertTrue(Files.readString(rules.resolve(BANDS)).contains("◎,90,"), "finished on open");
            assertFalse(history.publishing());
            assertEquals(List.of(), history.unrecorded());
        }
    }

    @Test
    void aRefLockAKilledWriterLeftDoesNotStopTheNextPublish() throws IOException {
        Path rules = rules();
        try (PolicyHistory history = open(rules)) {
            // what git leaves when its writer dies between taking the ref's lock and moving the ref
            Files.writeString(history.gitDir().resolve("refs/heads/main.lock"), history.head().id() + "\n");
            Version published = history.publish(history.head().id(), withTopEdge(history, "90"), change("山田", "90 に"),
                    Runnable::run);
            assertEquals(published, history.head());
            assertFalse(Files.exists(history.gitDir().resolve("refs/heads/main.lock")));
        }
    }

    @Test
    void aJournalWhoseCommitWasNeverTakenIsDropped() throws IOException {
        Path rules = rules();
        try (PolicyHistory history = open(rules)) {
            Files.writeString(history.gitDir().resolve("kpi-review-publishing"), "0123456789012345678901234567890123456789");
        }
        try (PolicyHistory history = open(rules)) {
            assertFalse(history.publishing());
            assertEquals(1, history.versions().size());
            assertTrue(Files.readString(rules.resolve(BANDS)).contains("◎,100,"));
        }
    }

    @Test
    void gitItselfReadsTheHistory() throws Exception {
        Path rules = rules();
        try (PolicyHistory history = open(rules)) {
            history.publish(history.head().id(), withTopEdge(history, "90"), change("山田 花子", "90 に"),
                    Runnable::run);
        }
        Process fsck = new ProcessBuilder("git", "--git-dir", rules.resolveSibling("rules.history").toString(),
                "fsck", "--strict").redirectErrorStream(true).start();
        String out = new String(fsck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, fsck.waitFor(), out);
        Process log = new ProcessBuilder("git", "--git-dir", rules.resolveSibling("rules.history").toString(),
                "log", "--format=%an|%s", "--name-only", "-1").redirectErrorStream(true).start();
        String text = new String(log.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, log.waitFor(), text);
        assertTrue(text.startsWith("山田 花子|90 に"), text);
    }

    /** Stands for the process dying inside the publish. */
    private static final class KilledHere extends RuntimeException {
    }
}
