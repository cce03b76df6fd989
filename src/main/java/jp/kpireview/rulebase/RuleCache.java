package jp.kpireview.rulebase;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;

/**
 * Compiled rule folders, kept between runs so that an unchanged folder is not compiled again. An entry is the
 * executable-model jar Drools builds from the folder (the rules as Java classes), filed under a hash of everything
 * the classes depend on: the rule files' names and text, the Drools version and the kpi-review build whose fact
 * classes the rules use. A new JVM then defines those classes and assembles the rule network, which takes a fraction
 * of parsing and compiling the DRL (docs/scale-and-speed.md).
 *
 * <p>An entry is trusted only if it is whole: it carries the SHA-256 of its own jar, checked on every read, and is
 * written to a temporary file and moved into place. An entry that is torn, altered, from another Drools version or
 * that does not load is deleted and the folder compiled again; the cache can only save time, never change a result.
 *
 * <p>The folder is {@code -Dkpireview.ruleCache=DIR}, else {@code $XDG_CACHE_HOME/kpi-review/rules}, else
 * {@code ~/.cache/kpi-review/rules}, else (no home) none; {@code -Dkpireview.ruleCache=off} turns the cache off.
 */
final class RuleCache {

    private static final String MAGIC = "kpi-review compiled rules 1";
    /** Entries kept; older ones are removed when a new one is written (a watched folder makes one per edit). */
    private static final int KEEP = 64;
    /** An entry is about 100 KB; a file far larger is not one. */
    private static final long MAX_ENTRY_BYTES = 64L << 20;
    /** The Drools version that compiles the rules: part of the key, and a model jar of another is not used. */
    static final String DROOLS_VERSION = String.valueOf(KieBaseBuilder.class.getPackage()
            .getImplementationVersion());

    private final Path folder;

    private RuleCache(Path folder) {
        this.folder = folder;
    }

    /** The cache this process uses; null when it is turned off or has no place to live. */
    static RuleCache configured() {
        String setting = System.getProperty("kpireview.ruleCache");
        if ("off".equals(setting)) {
            return null;
        }
        if (setting != null && !setting.isBlank()) {
            return new RuleCache(Path.of(setting));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home", "");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(home).isAbsolute() ? Path.of(home, ".cache") : null;
        // without a home (Java says "?") there is no place of the user's own: no cache rather than one in the
        // working folder
        return base == null ? null : new RuleCache(base.resolve("kpi-review").resolve("rules"));
    }

    static RuleCache at(Path folder) {
        return new RuleCache(folder);
    }

    Path folder() {
        return folder;
    }

    /** The key of a rule folder's compiled form: its files (names and text), Drools and this build. */
    static String key(Map<String, String> textByFileName) {
        MessageDigest digest = sha256();
        update(digest, MAGIC);
        update(digest, DROOLS_VERSION);
        update(digest, "java " + Runtime.version().feature());
        digest.update(Build.IDENTITY);
        textByFileName.forEach((name, text) -> {
            update(digest, name);
            update(digest, text);
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The rules stored under {@code key}, assembled; null when there is no usable entry (a bad one is removed). */
    CompiledRules read(String key) {
        Path entry = entry(key);
        if (!Files.isRegularFile(entry)) {
            return null;
        }
        KieBase kieBase;
        byte[] jar;
        try {
            jar = Files.size(entry) > MAX_ENTRY_BYTES ? null : unwrap(Files.readAllBytes(entry));
            kieBase = jar == null ? null : ModelJar.assemble(jar);
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            kieBase = null;
            jar = null;
        }
        if (kieBase == null) {
            deleteQuietly(entry);
            return null;
        }
        try {
            // least recently used entries are the ones pruned
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // a cache the user cannot touch is still read
        }
        return CompiledRules.shared(kieBase, jar);
    }

    /**
     * Stores the executable-model jar of a folder under {@code key}. A cache that cannot be written (read-only home,
     * full disk) is no error: the next run compiles again.
     */
    void write(String key, byte[] jar) {
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, "entry-", ".tmp");
            Files.write(temp, wrap(jar));
            try {
                Files.move(temp, entry(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, entry(key), StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            prune();
        } catch (IOException | RuntimeException e) {
            // the run goes on with the rules it compiled
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    Path entry(String key) {
        return folder.resolve(key + ".rules");
    }

    /**
     * True when an earlier run checked the rules stored under {@code key} on {@code years} and found no error: the
     * check is a function of the rules, the years and this build, all of which the key and the mark name.
     */
    boolean checkedClean(String key, List<Integer> years) {
        return Files.isRegularFile(entry(key)) && Files.isRegularFile(mark(key, years));
    }

    /** Records that the rules under {@code key} were checked on {@code years} with no error (best effort). */
    void markCheckedClean(String key, List<Integer> years) {
        if (!Files.isRegularFile(entry(key))) {
            return;  // the classic build ran these rules: nothing is cached, so nothing is marked
        }
        try {
            Files.createFile(mark(key, years));
        } catch (IOException | RuntimeException e) {
            // already marked, or a cache that cannot be written: the next run checks again
        }
    }

    private Path mark(String key, List<Integer> years) {
        MessageDigest digest = sha256();
        update(digest, years.toString());
        return folder.resolve(key + ".checked-" + HexFormat.of().formatHex(digest.digest()).substring(0, 16));
    }

    private void prune() throws IOException {
        List<Path> entries;
        List<Path> temps;
        List<Path> marks;
        try (Stream<Path> listing = Files.list(folder)) {
            List<Path> all = listing.toList();
            entries = all.stream().filter(p -> p.getFileName().toString().endsWith(".rules")).toList();
            temps = all.stream().filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            marks = all.stream().filter(p -> p.getFileName().toString().contains(".checked-")).toList();
        }
        // what a run that died while writing left behind
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        temps.stream().filter(t -> modified(t).toMillis() < hourAgo).forEach(RuleCache::deleteQuietly);
        if (entries.size() <= KEEP) {
            return;
        }
        List<Path> oldestFirst = new ArrayList<>(entries);
        oldestFirst.sort((a, b) -> modified(a).compareTo(modified(b)));
        for (Path old : oldestFirst.subList(0, entries.size() - KEEP)) {
            deleteQuietly(old);
            // the clean verdicts of the rules that entry held go with it
            String key = old.getFileName().toString().replace(".rules", "");
            marks.stream().filter(m -> m.getFileName().toString().startsWith(key + ".checked-"))
                    .forEach(RuleCache::deleteQuietly);
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** An entry: the magic line, the SHA-256 of the jar in hex and a newline, then the jar. */
    static byte[] wrap(byte[] jar) {
        byte[] header = (MAGIC + "\n" + HexFormat.of().formatHex(sha256().digest(jar)) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] entry = Arrays.copyOf(header, header.length + jar.length);
        System.arraycopy(jar, 0, entry, header.length, jar.length);
        return entry;
    }

    /** The jar of a whole entry; null when the entry is not one or its jar is not the one its header names. */
    private static byte[] unwrap(byte[] entry) {
        int first = indexOf(entry, 0);
        int second = first < 0 ? -1 : indexOf(entry, first + 1);
        if (second < 0 || !MAGIC.equals(new String(entry, 0, first, StandardCharsets.US_ASCII))) {
            return null;
        }
        String expected = new String(entry, first + 1, second - first - 1, StandardCharsets.US_ASCII);
        byte[] jar = Arrays.copyOfRange(entry, second + 1, entry.length);
        return expected.equals(HexFormat.of().formatHex(sha256().digest(jar))) ? jar : null;
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length && i < from + 200; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // a length prefix keeps ("ab", "c") and ("a", "bc") apart
        int n = bytes.length;
        digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        digest.update(bytes);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // removed on a later prune
        }
    }

    /**
     * This build of kpi-review, as the hash of the code the compiled rules link against (the jar, or the class files
     * when run from a build folder): a rebuilt fact class must not meet rules compiled against the old one.
     */
    private static final class Build {
        static final byte[] IDENTITY = identity();

        private static byte[] identity() {
            MessageDigest digest = sha256();
            try {
                Path code = Path.of(RuleCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isDirectory(code)) {
                    try (Stream<Path> classes = Files.walk(code)) {
                        for (Path file : classes.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                            update(digest, code.relativize(file).toString());
                            digest.update(Files.readAllBytes(file));
                        }
                    }
                } else {
                    digest.update(Files.readAllBytes(code));
                }
            } catch (IOException | URISyntaxException | RuntimeException e) {
                // no way to tell this build from another: a key that matches no entry, so nothing stale is used
                update(digest, "unidentified build " + System.nanoTime());
            }
            return digest.digest();
        }
    }
}
