/**
 * The reports the ReportGeneration job writes: their formats, names and storage in
 * {@link io.texium.scheduler.files.control.StoredFiles} (kind {@code report}, so every instance serves them), and
 * the API that lists them and downloads one, each user their own.
 */
package io.texium.scheduler.reports;
