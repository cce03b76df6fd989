package jp.kpireview.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.io.AtomicFiles;
import jp.kpireview.io.Csv;
import org.apache.commons.csv.CSVPrinter;

/**
 * plan.csv: per KPI, the actual it needs in the planned year for each band of the policy in force (the band or a
 * better one) and for ☆, and why a goal cannot be reached. UTF-8 with a BOM, for Excel.
 */
public final class PlanCsv {

    private PlanCsv() {
    }

    public static void write(Path file, PlanSearch.Plan plan) {
        List<String> header = new ArrayList<>(List.of("municipality", "kpi_id", "project", "kpi", "unit", "direction",
                "fiscal_year", "policy"));
        plan.bands().stream().skip(1).forEach(b -> header.add("needs_" + b.mark()));
        header.add("needs_☆");
        header.add("note");
        AtomicFiles.write(file, out -> {
            out.append(Csv.BOM);
            try (CSVPrinter csv = Csv.printer(out, header)) {
                for (PlanSearch.KpiPlan p : plan.kpis()) {
                    Kpi k = p.kpi();
                    List<Object> row = new ArrayList<>(List.of(k.municipality(), k.id(), k.project(), k.name(),
                            k.unit(), k.directionText(), FiscalYear.label(plan.year()), plan.policy().label()));
                    List<String> notes = new ArrayList<>();
                    for (PlanSearch.Need need : p.needs()) {
                        row.add(need.actual() == null ? "" : need.actual().toPlainString());
                        if (!need.note().isEmpty()) {
                            notes.add(need.goal() + ": " + need.note());
                        }
                    }
                    row.add(String.join("; ", notes));
                    csv.printRecord(Csv.safe(row));
                }
            }
        });
    }
}
