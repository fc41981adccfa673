package io.texium.scheduler.builtin.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three formats: RFC 4180 quoting, the formula guard, inert HTML, and an xlsx read back. */
class ReportDocumentsTest {

    static final ReportRow HOSTILE = new ReportRow("6747a1c2e4b0a1b2c3d4e5f6", "=HYPERLINK(\"http://evil\",\"a, b\")\r\nnext",
            false, 4, 3, 1, 0, 0, 0, 0.75, 12.5, 20L);
    static final ReportRow SCRIPT = new ReportRow("6747a1c2e4b0a1b2c3d4e5f7", "<script>alert('x')</script> & co",
            false, 2, 0, 0, 2, 0, 0, null, null, null);
    static final ReportDocuments.Heading HEADING = new ReportDocuments.Heading(Instant.parse("2026-11-28T10:00:00Z"),
            Instant.parse("2026-11-29T10:00:00Z"), "all users", Instant.parse("2026-11-29T10:00:01Z"));

    @Test
    void csv_has_a_header_crlf_lines_quoted_fields_and_no_formula() {
        String csv = new String(ReportDocuments.csv(List.of(HOSTILE, SCRIPT)), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("job_id,job_name,runs,succeeded,failed,missed,skipped,unfinished,success_rate,"
                + "mean_duration_ms,p95_duration_ms\r\n"
                + "6747a1c2e4b0a1b2c3d4e5f6,\"'=HYPERLINK(\"\"http://evil\"\",\"\"a, b\"\")\r\nnext\",4,3,1,0,0,0,0.75,12.5,20\r\n"
                + "6747a1c2e4b0a1b2c3d4e5f7,<script>alert('x')</script> & co,2,0,0,2,0,0,,,\r\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"=1+2|'=1+2", "+1|'+1", "-1|'-1", "@SUM(A1)|'@SUM(A1)", "plain|plain",
            "a=b|a=b", "'quoted|'quoted"})
    void text_a_spreadsheet_would_evaluate_is_prefixed_with_an_apostrophe(String text, String written) {
        assertThat(ReportDocuments.guarded(text)).isEqualTo(written);
        assertThat(ReportDocuments.guarded("\tx")).isEqualTo("'\tx");
    }

    @Test
    void html_escapes_every_text_so_a_script_in_a_job_name_is_inert() {
        String html = new String(ReportDocuments.html(List.of(SCRIPT), HEADING), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co")
                .contains("<th>p95_duration_ms</th>").contains("2026-11-28T10:00:00Z to 2026-11-29T10:00:00Z")
                .contains("<td class=\"n\">2</td>");
    }

    @Test
    void xlsx_reads_back_with_numbers_as_numbers_and_guarded_text() throws Exception {
        byte[] xlsx = ReportDocuments.xlsx(List.of(HOSTILE, SCRIPT), HEADING);
        try (var zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            assertThat(zip.getNextEntry()).as("an xlsx is a zip").isNotNull();
        }
        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getFirstSheet();
            assertThat(sheet.getName()).isEqualTo("Report");
            List<Row> rows = sheet.read();
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).getCellAsString(10)).contains("p95_duration_ms");
            var first = rows.get(1);
            assertThat(first.getCellAsString(1).orElseThrow()).startsWith("'=HYPERLINK(\"http://evil\",\"a, b\")").endsWith("next");
            assertThat(first.getCellAsNumber(2).map(BigDecimal::doubleValue)).contains(4.0);
            assertThat(first.getCellAsNumber(8).map(BigDecimal::doubleValue)).contains(0.75);
            assertThat(first.getCellAsNumber(9).map(BigDecimal::doubleValue)).contains(12.5);
            assertThat(first.getCellAsNumber(10).map(BigDecimal::doubleValue)).contains(20.0);
            var second = rows.get(2);
            assertThat(second.getCellAsString(1)).contains("<script>alert('x')</script> & co");
            assertThat(second.getCellAsNumber(5).map(BigDecimal::doubleValue)).contains(2.0);
        }
    }
}
