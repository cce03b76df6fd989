package jp.kpireview.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.engine.Review;

/** {@code evaluate --trace FILE}: the explanation of every KPI, as {@code explain} prints one. */
public final class TraceReport extends StreamedReport<byte[]> {

    public TraceReport(Path target) {
        super(target);
    }

    @Override
    public byte[] render(MunicipalityReview review) {
        StringBuilder text = new StringBuilder();
        for (Review year : review.reviews()) {
            year.evaluations().forEach(e -> Explanation.lines(e, year.policy(), year.terms())
                    .forEach(line -> text.append(line).append('\n')));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void add(byte[] part) {
        write(part);
    }
}
