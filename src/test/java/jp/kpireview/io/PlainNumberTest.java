package jp.kpireview.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** KpiTable.isPlainNumber against the regular expression it stands for, {@code -?\d+(\.\d+)?} (ASCII digits). */
class PlainNumberTest {

    private static final Pattern FORM = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    @Test
    void theSheetsNumbersAndTheirNearMissesReadAsTheFormSays() {
        List<String> cases = new ArrayList<>(List.of("0", "7", "-7", "1199", "75.9", "-0.25", "007", "100.00", "", "-",
                ".", "-.", "1.", ".5", "-.5", "1..2", "1.2.3", "--1", "+1", "1e5", "1E-3", " 1", "1 ", "1,000", "１２",
                "٣", "1-", "0x10", "NaN", "Infinity", "12a", "a12", "1.-2", "1.2-"));
        Random random = new Random(37);
        String alphabet = "0123456789-.e+ ,１";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            cases.add(text.toString());
        }
        for (String text : cases) {
            assertEquals(FORM.matcher(text).matches(), KpiTable.isPlainNumber(text), "'" + text + "'");
        }
    }
}
