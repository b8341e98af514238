package io.flashsale.cli;

import io.flashsale.analytics.PostSaleReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes the post-sale report page. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Runs the question scripts of sql/queries over everything on the topics and writes the"
            + " post-sale report: one HTML page of charts and tables that opens offline.")
final class ReportCommand implements Callable<Integer> {

  @Mixin SqlArguments sql;

  @Option(names = "--out", defaultValue = "post-sale-report.html", description = "The page.")
  Path out;

  @Option(names = "--title", defaultValue = "Post-sale report")
  String title;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    Path page = PostSaleReport.build(sql.open(false), title).write(out);
    System.out.printf(
        "wrote %s in %.1f s%n", page.toAbsolutePath(), (System.nanoTime() - started) / 1e9);
    return 0;
  }
}
