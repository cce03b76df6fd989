package jp.kpireview.service;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.DataProblem;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.io.Csv;
import jp.kpireview.io.TextFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The people the service knows, from a users file (利用者の表, CSV UTF-8): a name, a role and the SHA-256 of the
 * person's token, one person a row, so a token never sits in the file and a name never travels with a request.
 * <pre>
 * 名前,役割,合言葉のハッシュ
 * 山田 花子,公開,sha256:9f86d0…
 * 佐藤 一郎,提案,sha256:60303a…
 * </pre>
 * A token is made by {@code kpi-review user} (24 random bytes): a plain SHA-256 suffices for a secret that random,
 * where a password people choose would need a slow hash.
 */
public final class Users {

    /** What a person may do, each role all that the one before may. */
    enum Role {
        /** reads the reports and the history */
        VIEWER("閲覧"),
        /** proposes table changes and sees their impact */
        EDITOR("提案"),
        /** publishes proposals and restores earlier versions */
        PUBLISHER("公開");

        final String label;

        Role(String label) {
            this.label = label;
        }

        boolean allows(Role needed) {
            return compareTo(needed) >= 0;
        }

        static Role of(String text) {
            String t = text.strip();
            for (Role r : values()) {
                if (r.label.equals(t) || r.name().equalsIgnoreCase(t)) {
                    return r;
                }
            }
            return null;
        }
    }

    /** One person: the name the history shows, and the role. */
    record User(String name, Role role) {
    }

    static final String HEADINGS = "名前,役割,合言葉のハッシュ";
    private static final String PREFIX = "sha256:";
    private static final int MAX_BYTES = 256 << 10;

    /** Nobody: what a users file that no longer reads admits. */
    static final Users NONE = new Users(Map.of());

    private final Map<String, User> byHash;

    private Users(Map<String, User> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    /** Reads the users file; every mistake is named at its row. */
    public static Users read(Path file) {
        String text;
        try {
            if (java.nio.file.Files.size(file) > MAX_BYTES) {
                throw problem(file, 0, "利用者の表が大きすぎます (" + (MAX_BYTES >> 10) + " KB まで)");
            }
            text = TextFiles.readUtf8(file);
        } catch (CharacterCodingException e) {
            throw problem(file, 0, "UTF-8 の CSV ではありません");
        } catch (IOException e) {
            throw problem(file, 0, "利用者の表を読めません (" + e.getMessage() + ")");
        }
        Map<String, User> users = new LinkedHashMap<>();
        List<DataProblem> problems = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (var parser = CSVFormat.DEFAULT.parse(new StringReader(text))) {
            for (CSVRecord row : parser) {
                int line = (int) row.getRecordNumber();
                if (line == 1) {
                    if (!String.join(",", row.toList()).strip().equals(HEADINGS)) {
                        problems.add(new DataProblem(new SourceLocation(file.toString(), 1), "見出し",
                                "1 行目の見出しは " + HEADINGS + " です"));
                    }
                    continue;
                }
                if (row.toList().stream().allMatch(String::isBlank)) {
                    continue;
                }
                SourceLocation at = new SourceLocation(file.toString(), line);
                if (row.size() != 3) {
                    problems.add(new DataProblem(at, "行", "名前、役割、合言葉のハッシュの 3 つを書きます"));
                    continue;
                }
                String name = row.get(0).strip();
                Role role = Role.of(row.get(1));
                String hash = row.get(2).strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    problems.add(new DataProblem(at, "名前", "名前がありません"));
                } else if (names.contains(name)) {
                    problems.add(new DataProblem(at, "名前", "'" + name + "' が二度書かれています"));
                }
                if (role == null) {
                    problems.add(new DataProblem(at, "役割", "'" + row.get(1) + "' は役割ではありません: 閲覧、提案、公開"
                            + " のどれかです"));
                }
                if (!hash.matches(PREFIX + "[0-9a-f]{64}")) {
                    problems.add(new DataProblem(at, "合言葉のハッシュ", "sha256: に続く 64 桁の16進数です"
                            + " (kpi-review user で作ります。合言葉そのものは書きません)"));
                } else if (users.containsKey(hash)) {
                    problems.add(new DataProblem(at, "合言葉のハッシュ", "ほかの人と同じ合言葉です"));
                }
                names.add(name);
                users.put(hash, new User(name, role));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw problem(file, 0, "CSV として読めません: 引用符 (\") の対応を確かめてください");
        }
        if (!problems.isEmpty()) {
            throw new DataException(problems);
        }
        if (users.isEmpty()) {
            throw problem(file, 2, "利用者が一人もいません");
        }
        return new Users(users);
    }

    private static DataException problem(Path file, int line, String message) {
        return new DataException(List.of(new DataProblem(new SourceLocation(file.toString(), line), "利用者の表",
                message)));
    }

    /** The person whose token this is, or null; found by the token's hash, compared in constant time. */
    User find(String token) {
        byte[] offered = hash(token).getBytes(StandardCharsets.US_ASCII);
        User found = null;
        for (Map.Entry<String, User> e : byHash.entrySet()) {
            if (MessageDigest.isEqual(offered, e.getKey().getBytes(StandardCharsets.US_ASCII))) {
                found = e.getValue();
            }
        }
        return found;
    }

    /** {@code sha256:…} of a token, as the users file holds it. */
    static String hash(String token) {
        try {
            return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    token.strip().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds a person to the users file (made with its headings when there is none), written whole; returns the new
     * token, which is shown once and kept nowhere.
     */
    public static String add(Path file, String name, String roleText) {
        Role role = Role.of(roleText == null ? "" : roleText);
        if (role == null) {
            throw new IllegalArgumentException("'" + roleText + "' は役割ではありません: 閲覧、提案、公開 のどれかです");
        }
        if (name == null || name.isBlank() || name.contains(",") || name.contains("\"") || name.contains("\n")) {
            throw new IllegalArgumentException("名前を書きます (, と \" と改行は使えません)");
        }
        String before = "";
        if (java.nio.file.Files.exists(file)) {
            Users users = read(file);
            if (users.byHash.values().stream().anyMatch(u -> u.name().equals(name.strip()))) {
                throw new IllegalArgumentException("'" + name.strip() + "' はもう " + file + " にいます");
            }
            try {
                before = TextFiles.readUtf8(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        String token = newToken();
        String text = Csv.BOM + (before.isEmpty() ? HEADINGS + "\n" : before.endsWith("\n") ? before : before + "\n")
                + name.strip() + "," + role.label + "," + hash(token) + "\n";
        jp.kpireview.io.AtomicFiles.write(file, out -> out.write(text));
        return token;
    }

    /** A new token: 24 random bytes in hex. */
    static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
