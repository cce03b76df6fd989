package jp.kpireview.rulebase;

import jp.kpireview.engine.ReviewEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import jp.kpireview.domain.Kpi;
import jp.kpireview.io.KpiData;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.definition.type.FactType;
import org.kie.api.runtime.KieSession;

/** The cache of compiled rule folders ({@link RuleCache}): it saves the compile, and never changes a result. */
class RuleCacheTest {

    private static final List<Kpi> SEED = KpiData.read(Path.of("seeds/otaru-h30.csv"));

    /** A folder the executable model refuses still runs, but is never cached: validate says so, and why. */
    @Test
    void validateWarnsWhenTheRulesCannotBeCached(@TempDir Path dir) throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("rules"), text -> text.replace("kpi.unitName != \"%\"",
                "kpi.unit != \"%\""));
        jp.kpireview.validate.CheckReport report = jp.kpireview.validate.RuleCheck.check(rules, false);
        assertTrue(report.findings().stream().anyMatch(f -> f.message().contains("実行モデルに変換できない")),
                report.findings().toString());
        assertFalse(RuleBase.load(rules, RuleCache.at(dir.resolve("cache"))).cached());
        assertTrue(jp.kpireview.validate.RuleCheck.check(Path.of("rules"), false).findings().isEmpty());
    }

    @Test
    void anUnchangedFolderIsReadBackAndScoresTheSeedAsTheClassicBuildDoes(@TempDir Path dir) {
        RuleCache cache = RuleCache.at(dir.resolve("cache"));
        RuleBase compiled = RuleBase.load(Path.of("rules"), cache);
        RuleBase reused = RuleBase.load(Path.of("rules"), cache);
        assertFalse(compiled.cached());
        assertTrue(reused.cached());
        assertEquals(1, entries(cache).size());
        List<String> classic = results(RuleBase.classic(Path.of("rules")));
        assertEquals(classic, results(compiled));
        assertEquals(classic, results(reused));
    }

    @Test
    void anEditedFolderIsCompiledAgain(@TempDir Path dir) throws IOException {
        RuleCache cache = RuleCache.at(dir.resolve("cache"));
        Path rules = KpiFixture.copyOfRules(dir.resolve("rules"), text -> text);
        RuleBase.load(rules, cache);
        Files.writeString(rules.resolve("区分表.csv"), Files.readString(rules.resolve("区分表.csv"))
                .replace("○,50,", "○,60,"));
        RuleBase edited = RuleBase.load(rules, cache);
        assertFalse(edited.cached());
        assertEquals(2, entries(cache).size());
        assertNotEquals(results(RuleBase.load(Path.of("rules"), cache)), results(edited));
    }

    @Test
    void aDamagedEntryIsRemovedAndTheFolderCompiledAgain(@TempDir Path dir) throws IOException {
        RuleCache cache = RuleCache.at(dir.resolve("cache"));
        List<String> expected = results(RuleBase.load(Path.of("rules"), cache));
        Path entry = entries(cache).get(0);
        byte[] whole = Files.readAllBytes(entry);
        // a byte changed inside the jar, then the entry cut short as a crash mid-write would leave it
        byte[] altered = whole.clone();
        altered[whole.length / 2] ^= 0x20;
        for (byte[] damaged : List.of(altered, Arrays.copyOf(whole, whole.length / 3), new byte[0])) {
            Files.write(entry, damaged);
            RuleBase again = RuleBase.load(Path.of("rules"), cache);
            assertFalse(again.cached(), "a damaged entry must not be used");
            assertEquals(expected, results(again));
            assertTrue(RuleBase.load(Path.of("rules"), cache).cached(), "the entry is written again");
        }
    }

    @Test
    void anEntryFromAnotherDroolsVersionIsNotUsed(@TempDir Path dir) throws IOException {
        RuleCache cache = RuleCache.at(dir.resolve("cache"));
        RuleBase.load(Path.of("rules"), cache);
        Path entry = entries(cache).get(0);
        byte[] whole = Files.readAllBytes(entry);
        int jarStart = nthNewline(whole, 2) + 1;
        byte[] jar = Arrays.copyOfRange(whole, jarStart, whole.length);
        // a well-formed entry whose model says another Drools made it
        Files.write(entry, RuleCache.wrap(rewrite(jar, "/drools-model", text -> text.replaceFirst(
                "Drools-Model-Version:.*", "Drools-Model-Version:7.74.1.Final"))));
        assertFalse(RuleBase.load(Path.of("rules"), cache).cached());
    }

    @Test
    void anErrorIsLocatedAsTheClassicBuildLocatesItAndNothingIsCached(@TempDir Path dir) throws IOException {
        RuleCache cache = RuleCache.at(dir.resolve("cache"));
        Path rules = KpiFixture.copyOfRules(dir.resolve("rules"), text -> text.replace("$s : Score()",
                "$s : Score( valeu > 0 )"));
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleBase.load(rules, cache));
        assertTrue(e.problems().get(0).file().endsWith("score-band.drl"), e.getMessage());
        assertTrue(e.problems().get(0).line() > 0, e.getMessage());
        assertTrue(entries(cache).isEmpty());
    }

    @Test
    void theCacheKeepsItsNewestEntriesAndClearsWhatADeadRunLeft(@TempDir Path dir) throws IOException {
        RuleCache cache = RuleCache.at(dir.resolve("cache"));
        Files.createDirectories(cache.folder());
        for (int i = 0; i < 70; i++) {
            Path old = cache.folder().resolve(String.format("old%02d.rules", i));
            Files.writeString(old, "not an entry");
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Path stale = cache.folder().resolve("entry-1.tmp");
        Files.writeString(stale, "half an entry");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(0));
        RuleBase.load(Path.of("rules"), cache);
        List<Path> kept = entries(cache);
        assertEquals(64, kept.size());
        assertTrue(kept.stream().map(p -> p.getFileName().toString()).noneMatch(name -> name.startsWith("old0")
                && name.compareTo("old07") < 0), "the 7 oldest go: " + kept);
        assertTrue(RuleBase.load(Path.of("rules"), cache).cached(), "the new entry is among those kept");
        assertFalse(Files.exists(stale));
    }

    @Test
    void withoutACacheTheFolderIsCompiledEachTime() {
        assertFalse(RuleBase.load(Path.of("rules"), null).cached());
        assertFalse(RuleBase.load(Path.of("rules"), null).cached());
    }

    /**
     * Why the rules see no floating-point numbers: the executable model compares a double as Double.compare does,
     * so −0.0 is below 0 there, while the classic build (and Java's {@code <}) says it is not. A declared double is a
     * located error, and every number the facts offer is a BigDecimal, which has no negative zero.
     */
    @Test
    void negativeZeroIsBelowZeroInTheExecutableModelOnlySoADeclaredDoubleIsRefused(@TempDir Path dir)
            throws Exception {
        String drl = """
                package kpireview.rules;
                declare Probe
                    value : double
                    band : String
                end
                rule "below zero" when $p : Probe( value < 0 ) then $p.setBand("×"); end
                rule "from zero" when $p : Probe( value >= 0 ) then $p.setBand("●"); end
                """;
        Files.writeString(dir.resolve("probe.drl"), drl);
        assertEquals("●", bandOfNegativeZero(build(dir, null)));
        assertEquals("×", bandOfNegativeZero(build(dir, ExecutableModelProject.class)));
        RuleSetException refused = assertThrows(RuleSetException.class, () -> RuleBase.load(dir, null));
        assertEquals(3, refused.problems().get(0).line(), refused.getMessage());
        assertTrue(refused.getMessage().contains("BigDecimal"), refused.getMessage());
    }

    private static String bandOfNegativeZero(KieBase kieBase) throws Exception {
        FactType type = kieBase.getFactType("kpireview.rules", "Probe");
        Object probe = type.newInstance();
        type.set(probe, "value", -0.0);
        KieSession session = kieBase.newKieSession();
        try {
            session.insert(probe);
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        return (String) type.get(probe, "band");
    }

    /** Drools' own build of a folder, classic (mvel) or executable model, independent of RuleBase. */
    private static KieBase build(Path folder, Class<? extends KieBuilder.ProjectType> project) {
        KieServices services = KieServices.Factory.get();
        var kfs = services.newKieFileSystem();
        var releaseId = services.newReleaseId("test", "classic", "1." + System.nanoTime());
        kfs.generateAndWritePomXML(releaseId);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(f -> f.toString().matches(".*\\.(drl|csv|xlsx)")).toList()) {
                kfs.write("src/main/resources/kpireview/rules/" + f.getFileName(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        KieBuilder builder = project == null ? services.newKieBuilder(kfs).buildAll()
                : services.newKieBuilder(kfs).buildAll(project);
        assertFalse(builder.getResults().hasMessages(org.kie.api.builder.Message.Level.ERROR),
                builder.getResults().toString());
        KieBase kieBase = services.newKieContainer(releaseId).getKieBase();
        services.getRepository().removeKieModule(releaseId);
        return kieBase;
    }

    /** Every KPI's and summary's result for each of the seed's years. */
    private static List<String> results(RuleBase rules) {
        return new ReviewEngine(rules).evaluate(SEED, List.of(2015, 2016, 2017, 2018)).stream()
                .flatMap(review -> Stream.concat(
                        review.evaluations().stream().map(e -> e.kpi().id() + " " + e.year() + " " + e.status() + " "
                                + e.referenceKind() + " " + e.reference() + " " + e.rawScore() + " " + e.score()
                                + " " + e.band() + " " + e.achieved()),
                        review.summaries().stream().map(Object::toString)))
                .toList();
    }

    private static List<Path> entries(RuleCache cache) {
        try (Stream<Path> files = Files.list(cache.folder())) {
            return files.filter(f -> f.toString().endsWith(".rules")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int nthNewline(byte[] bytes, int n) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && --n == 0) {
                return i;
            }
        }
        throw new AssertionError("no header");
    }

    private static byte[] rewrite(byte[] jar, String suffix, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(jar));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (e.getName().endsWith(suffix)) {
                    content = edit.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
