package jp.kpireview.rulebase;

import static jp.kpireview.system.Programs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.cli.Cli;
import jp.kpireview.rules.KpiFixture;
import jp.kpireview.system.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped table as an officer edits it: opened in LibreOffice Calc (headless) and saved as an Excel workbook,
 * it holds its headings and values and nothing else, and the workbook put in place of the CSV gives the very same
 * results — the table is the policy's data, not code the spreadsheet could break.
 */
@SystemTest
class TablesInLibreOfficeTest {

    @TempDir
    Path dir;

    @Test
    void everyShippedTableSavedByLibreOfficeGivesTheSameResults() throws Exception {
        List<Path> policies = List.of(Path.of("rules"), Path.of("examples/policies/five-grades"),
                Path.of("examples/policies/project-grade"), Path.of("examples/policy-periods/rules/FY2020 第2期"));
        int tables = 0;
        for (Path policy : policies) {
            String name = "p" + policies.indexOf(policy);
            Path csvPolicy = KpiFixture.copyOfPolicy(policy, dir.resolve(name + "-csv"), t -> t);
            Path xlsxPolicy = KpiFixture.copyOfPolicy(policy, dir.resolve(name + "-xlsx"), t -> t);
            List<Path> csvs;
            try (var files = Files.list(xlsxPolicy)) {
                csvs = files.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
            }
            // one LibreOffice start converts every table of the folder (CSV:44,34,76: comma, double quote, UTF-8, as
            // Excel's 「CSV UTF-8」 is opened)
            List<String> command = new java.util.ArrayList<>(List.of("soffice", "-env:UserInstallation="
                    + dir.resolve("profile").toUri(), "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx",
                    "--outdir", xlsxPolicy.toString()));
            csvs.forEach(csv -> command.add(csv.toString()));
            run(dir, command.toArray(String[]::new));
            for (Path csv : csvs) {
                Path xlsx = xlsxPolicy.resolve(RuleTable.nameOf(csv.getFileName().toString()) + ".xlsx");
                assertTrue(Files.exists(xlsx), "LibreOffice wrote no " + xlsx);
                Files.delete(csv);
                tables++;
            }
            String withCsv = Cli.run("evaluate", "--quiet", "--rules", csvPolicy.toString(), "--data",
                    "seeds/otaru-h30.csv", "--year", "FY2018", "--out", dir.resolve(name + "-out-csv").toString());
            String withXlsx = Cli.run("evaluate", "--quiet", "--rules", xlsxPolicy.toString(), "--data",
                    "seeds/otaru-h30.csv", "--year", "FY2018", "--out", dir.resolve(name + "-out-xlsx").toString());
            assertTrue(withCsv.startsWith("0\n") && withXlsx.startsWith("0\n"), withCsv + "\n" + withXlsx);
            for (String report : List.of("results.csv", "summary.csv")) {
                assertEquals(withoutPolicy(dir.resolve(name + "-out-csv").resolve(report), name + "-csv"),
                        withoutPolicy(dir.resolve(name + "-out-xlsx").resolve(report), name + "-xlsx"),
                        policy + " " + report);
            }
        }
        assertTrue(tables >= 8, tables + " tables");
    }

    /** A report without the policy's name and version (the two folders are named apart; their files differ). */
    private static String withoutPolicy(Path file, String folder) throws java.io.IOException {
        return Files.readString(file).replace(folder, "POLICY").replaceAll("@[0-9a-f]+", "");
    }
}
