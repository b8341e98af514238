/**
 * The post-sale report: one static HTML page whose charts are inline SVG, so the file opens
 * offline, can be mailed or archived as it is, and needs no script, font or stylesheet from
 * anywhere else.
 *
 * <p>Build a {@link io.flashsale.analytics.report.ReportPage} from {@link
 * io.flashsale.analytics.report.Section}s of {@link io.flashsale.analytics.report.LineChart}s,
 * {@link io.flashsale.analytics.report.BarChart}s and {@link io.flashsale.analytics.report.Table}s,
 * then call {@code html()} or {@code write(path)}.
 */
package io.flashsale.analytics.report;
