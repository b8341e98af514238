package io.flashsale.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** One run of the {@code flashsale} command in this JVM: its exit code and what it printed. */
record CommandRun(int exitCode, String out, String err) {

  static CommandRun run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      CommandLine command = new CommandLine(new FlashsaleCommand());
      command.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
      int exitCode = command.execute(args);
      return new CommandRun(
          exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
    }
  }
}
