package jp.kpireview.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.ProjectSummary;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;

/** A summary's businesses (事業): told apart by their number, or by their name where the sheet numbers none. */
class SummaryBusinessesTest {

    @Test
    void aBusinessIsItsNumberAndAnUnnumberedOneItsNameEvenWhenTheNameIsSomeNumber() {
        List<Kpi> kpis = List.of(kpi("a", "3", "駅前事業"), kpi("b", "3", "駅前事業 (続き)"), kpi("c", "", "3"),
                kpi("d", "", "3"), kpi("e", "", "公園事業"));
        ProjectSummary summary = new ReviewEngine(KpiFixture.rules()).evaluate(kpis, KpiFixture.YEAR).summaries()
                .get(0);
        // No. 3 (a, b), the business named "3" (c, d), 公園事業 (e)
        assertEquals(3, summary.allBusinesses());
        assertEquals(3, summary.scoredBusinesses());
        assertEquals(5, summary.allKpis());
    }

    private static Kpi kpi(String id, String businessNo, String business) {
        TreeMap<Integer, BigDecimal> actuals = new TreeMap<>(Map.of(2015, BigDecimal.ONE, KpiFixture.YEAR,
                BigDecimal.TWO));
        return new Kpi("test", id, "(1) test", businessNo, business, "kpi " + id, "件", "↗", 2014, BigDecimal.ZERO, 2019,
                BigDecimal.TEN, actuals, new TreeMap<>(), "", new SourceLocation("test.csv", 2), "");
    }
}
