package jp.kpireview.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.Plan;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.io.Csv;
import org.apache.commons.csv.CSVPrinter;

/**
 * plan.csv (次年度計画): per KPI, the actual it needs in the planned year for each band of the policy in force (that
 * band or a better one) and for ☆, and why a goal cannot be reached. UTF-8 with a BOM, for Excel. Written by
 * {@code plan}, and by {@code batch --plan} for every municipality.
 */
public final class PlanCsv extends StreamedReport<PlanCsv.Part> {

    /** A municipality's rows, with the goals that name the need columns; no rows when the review has no plan. */
    public record Part(List<String> goals, String rows) {
    }

    private boolean started;

    public PlanCsv(Path target) {
        super(target);
    }

    /** Writes one plan (the {@code plan} command's file). */
    public static void write(Path file, Plan plan) {
        try (PlanCsv csv = new PlanCsv(file)) {
            csv.add(render(plan));
            csv.commit();
        }
    }

    @Override
    public Part render(MunicipalityReview review) {
        return review.plan() == null ? new Part(List.of(), "") : render(review.plan());
    }

    private static Part render(Plan plan) {
        StringBuilder text = new StringBuilder();
        try (CSVPrinter csv = Csv.rows(text)) {
            for (Plan.KpiNeeds p : plan.kpis()) {
                Kpi k = p.kpi();
                List<Object> row = new ArrayList<>(List.of(k.municipality(), k.id(), k.project(), k.name(), k.unit(),
                        k.directionText(), FiscalYear.label(plan.year()), plan.policy().label()));
                row.addAll(p.actuals());
                row.add(p.notes());
                csv.printRecord(Csv.safe(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Part(plan.goals(), text.toString());
    }

    @Override
    public void add(Part part) {
        if (part.goals().isEmpty()) {
            return;
        }
        if (!started) {
            List<String> header = new ArrayList<>(List.of("municipality", "kpi_id", "project", "kpi", "unit",
                    "direction", "fiscal_year", "policy"));
            part.goals().forEach(goal -> header.add("needs_" + goal));
            header.add("note");
            write(Csv.headerWithBom(header));
            started = true;
        }
        write(part.rows());
    }
}
