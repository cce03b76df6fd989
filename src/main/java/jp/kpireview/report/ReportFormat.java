package jp.kpireview.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one table of report formats: what each format writes (file name, media type, writer), used by batch and
 * by the service alike.
 */
public enum ReportFormat {

    CSV(File.RESULTS_CSV, File.SUMMARY_CSV),
    JSON(File.RESULTS_JSON),
    XLSX(File.REPORT_XLSX),
    HTML(File.REPORT_HTML);

    /** One report file. */
    public enum File {
        RESULTS_CSV("results.csv", "text/csv; charset=utf-8"),
        SUMMARY_CSV("summary.csv", "text/csv; charset=utf-8"),
        RESULTS_JSON("results.json", "application/json; charset=utf-8"),
        REPORT_XLSX("report.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        REPORT_HTML("report.html", "text/html; charset=utf-8"),
        /** Written only when a plan is asked for (batch --plan); part of no format. */
        PLAN_CSV("plan.csv", "text/csv; charset=utf-8");

        private final String fileName;
        private final String mediaType;

        File(String fileName, String mediaType) {
            this.fileName = fileName;
            this.mediaType = mediaType;
        }

        public String fileName() {
            return fileName;
        }

        public String mediaType() {
            return mediaType;
        }

        /** Opens this file's writer in {@code folder}; report.html details the first {@code htmlDetail} places. */
        public Supplier<ReportWriter<?>> opener(Path folder, int htmlDetail) {
            Path target = folder.resolve(fileName);
            return switch (this) {
                case RESULTS_CSV -> () -> new ResultsCsv(target);
                case SUMMARY_CSV -> () -> new SummaryCsv(target);
                case RESULTS_JSON -> () -> new ResultsJson(target);
                case REPORT_XLSX -> () -> new ReportXlsx(target);
                case REPORT_HTML -> () -> new HtmlReport(target, htmlDetail);
                case PLAN_CSV -> () -> new PlanCsv(target);
            };
        }
    }

    private final List<File> files;

    ReportFormat(File... files) {
        this.files = List.of(files);
    }

    /** The files this format writes, the main one first (the one the service answers with). */
    public List<File> files() {
        return files;
    }

    /** {@code csv}, {@code json} …: how the format is named on the command line and in the service's requests. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code code}; an IllegalArgumentException listing the formats when there is none. */
    public static ReportFormat of(String code) {
        for (ReportFormat f : values()) {
            if (f.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("形式 '" + code + "' はありません (csv、json、xlsx、html のどれかです)");
    }
}
