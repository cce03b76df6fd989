package jp.kpireview.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table as the page shows and hands it out: every row the file has, a blank one too, and back again whole. */
class TableFilesTest {

    @TempDir
    Path dir;

    @Test
    void aBlankRowIsShownAndWrittenBackNotDropped() {
        byte[] file = "\uFEFF記号,下限,名称\n×,,基準未満\n\n◎,100,100以上\n".getBytes(StandardCharsets.UTF_8);
        List<List<String>> cells = TableFiles.cells("区分表.csv", file, dir.resolve("scratch.xlsx"));
        assertEquals(List.of(List.of("記号", "下限", "名称"), List.of("×", "", "基準未満"), List.of(""),
                List.of("◎", "100", "100以上")), cells);
        // written back, the blank row is still a row (Commons CSV writes a lone empty cell as "")
        assertEquals(cells, TableFiles.cells("区分表.csv", TableFiles.csv(cells), dir.resolve("scratch.xlsx")));
    }
}
