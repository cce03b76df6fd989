package jp.kpireview.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.domain.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The users file read again while the service runs: a person removed is refused at the next look, a person added
 * gets in, and a file that no longer reads refuses everyone until it reads again. Looked at on every call here
 * (the service looks once a second).
 */
class UsersFileTest {

    @TempDir
    Path dir;

    private static String name(Users.User user) {
        return user == null ? null : user.name();
    }

    @Test
    void aPersonRemovedFromTheFileIsRefusedAndOneAddedGetsIn() throws IOException {
        Path file = dir.resolve("users.csv");
        String hanako = Users.add(file, "山田 花子", "公開");
        String ichiro = Users.add(file, "佐藤 一郎", "提案");
        UsersFile users = UsersFile.open(file, 0);
        assertEquals("佐藤 一郎", name(users.current().find(ichiro)));

        // 佐藤 leaves: his row is taken out of the file by hand
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8);
        Files.write(file, rows.stream().filter(row -> !row.startsWith("佐藤")).toList(), StandardCharsets.UTF_8);
        assertNull(users.current().find(ichiro), "removed from the file: refused without a restart");
        assertEquals("山田 花子", name(users.current().find(hanako)));

        String jiro = Users.add(file, "鈴木 次郎", "閲覧");
        assertEquals("鈴木 次郎", name(users.current().find(jiro)), "added while the service runs: in at once");
    }

    @Test
    void aFileThatNoLongerReadsRefusesEveryoneUntilItReadsAgain() throws IOException {
        Path file = dir.resolve("users.csv");
        String hanako = Users.add(file, "山田 花子", "公開");
        String good = Files.readString(file, StandardCharsets.UTF_8);
        UsersFile users = UsersFile.open(file, 0);

        Files.writeString(file, good + "佐藤 一郎,提案,sha256:not-a-hash\n", StandardCharsets.UTF_8);
        assertNull(users.current().find(hanako), "a row with a mistake: nobody is let in on the old list");
        Files.delete(file);
        assertNull(users.current().find(hanako), "no file: nobody");

        Files.writeString(file, good, StandardCharsets.UTF_8);
        assertEquals("山田 花子", name(users.current().find(hanako)), "the file reads again: so do its people");
    }

    @Test
    void aFileWithAMistakeStopsTheStartAtItsRow() throws IOException {
        Path file = Files.writeString(dir.resolve("users.csv"), Users.HEADINGS + "\n佐藤 一郎,提案,sha256:x\n");
        DataException e = assertThrows(DataException.class, () -> UsersFile.open(file));
        assertEquals(file + ":2: 合言葉のハッシュ: sha256: に続く 64 桁の16進数です (kpi-review user で作ります。合言葉そのものは"
                + "書きません)", e.problems().get(0).toString());
    }

    @Test
    void betweenLooksTheLastReadStands() throws IOException {
        Path file = dir.resolve("users.csv");
        String hanako = Users.add(file, "山田 花子", "公開");
        UsersFile users = UsersFile.open(file, java.util.concurrent.TimeUnit.HOURS.toNanos(1));
        Files.delete(file);
        assertEquals("山田 花子", name(users.current().find(hanako)), "not looked at again within the hour");
    }
}
