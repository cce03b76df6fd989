package jp.kpireview.engine;

import jp.kpireview.rulebase.RuleBase;
import jp.kpireview.rulebase.RuleFiles;
import jp.kpireview.rulebase.RuleSetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import jp.kpireview.domain.PolicyRef;

/**
 * One complete rule set in force from a fiscal year on: a policy period ({@code rules/FY2020 第2期/}) or a flat rule
 * folder, which is in force for every year.
 *
 * @param firstYear the first fiscal year the policy applies to; null for a flat folder (every year)
 */
public record Policy(PolicyRef ref, Integer firstYear, Path folder, RuleBase rules) {

    /**
     * The version of a rule folder: a digest of the names and contents of every .drl file it runs with, its own and
     * those it shares (12 hex digits), so a change to a shared rule changes the version of every policy that runs it.
     */
    public static String hash(Path folder) {
        try {
            return digest(RuleFiles.of(folder).stream().map(RuleFiles.RuleFile::path).toList());
        } catch (RuleSetException e) {
            return "unreadable";
        }
    }

    /** A digest of the names and contents of the files of {@code folder} whose names end with {@code ending}. */
    public static String hash(Path folder, String ending) {
        try (Stream<Path> files = Files.list(folder)) {
            return digest(files.filter(p -> p.toString().endsWith(ending)).sorted().toList());
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** SHA-256 of each file's name and contents, in the order given (12 hex digits). */
    private static String digest(java.util.List<Path> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                digest.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable";
        }
    }

    /** The reference a result carries: the folder's name and the first 8 digits of its hash. */
    static PolicyRef refOf(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return new PolicyRef(name == null ? folder.toString() : name.toString(), hash(folder).substring(0, 8));
    }
}
