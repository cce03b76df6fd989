package jp.kpireview.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jp.kpireview.domain.Kpi;
import jp.kpireview.io.KpiCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataGeneratorTest {

    private static final List<Kpi> TEMPLATES = KpiCsv.read(Path.of("seeds/otaru-h30.csv"));

    @TempDir
    Path dir;

    private List<Path> generate(String folder, long seed) {
        return new DataGenerator(TEMPLATES, new DataGenerator.Settings(3, 40, 2015, 2019, seed))
                .writeTo(dir.resolve(folder));
    }

    @Test
    void theSameSeedWritesTheSameFilesAndEveryFileReadsBack() throws IOException {
        List<Path> first = generate("a", 5);
        List<Path> again = generate("b", 5);
        assertEquals(3, first.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(Files.readAllBytes(first.get(i)), Files.readAllBytes(again.get(i)));
            List<Kpi> kpis = KpiCsv.read(first.get(i));
            assertEquals(40, kpis.size());
            assertEquals(String.format("市町村%05d", i + 1), kpis.get(0).municipality());
            assertEquals(2014, kpis.get(0).baselineYear());
            assertTrue(kpis.stream().allMatch(k -> k.targetYear() >= 2015 && k.targetYear() <= 2019));
            assertTrue(kpis.stream().filter(k -> k.targetYear() == 2019).count() > 30, "most aim at the last year");
        }
    }

    @Test
    void anotherSeedWritesOtherData() throws IOException {
        byte[] one = Files.readAllBytes(generate("a", 5).get(0));
        byte[] other = Files.readAllBytes(generate("b", 6).get(0));
        assertFalse(Arrays.equals(one, other));
    }

    @Test
    void aMunicipalityIsTheSameWhateverElseIsGenerated() {
        List<Kpi> alone = new DataGenerator(TEMPLATES, new DataGenerator.Settings(3, 40, 2015, 2019, 5))
                .municipality(3);
        List<Kpi> inMore = new DataGenerator(TEMPLATES, new DataGenerator.Settings(100, 40, 2015, 2019, 5))
                .municipality(3);
        assertEquals(alone.stream().map(k -> k.actuals().toString()).toList(),
                inMore.stream().map(k -> k.actuals().toString()).toList());
    }
}
