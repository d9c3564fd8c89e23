package dev.keel.connectors.cli;

import java.io.PrintWriter;

/**
 * A progress line on stderr for work that takes more than a moment, shown only when the process has
 * a terminal (so pipes, files and tests see nothing).
 */
final class Progress implements AutoCloseable {
  private final PrintWriter err;
  private final String unit;
  private final boolean enabled = System.console() != null;
  private final long start = System.nanoTime();
  private long count;
  private long lastPrint;
  private boolean printed;

  Progress(PrintWriter err, String unit) {
    this.err = err;
    this.unit = unit;
  }

  void tick() {
    count++;
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (now - start > 500_000_000L && now - lastPrint > 200_000_000L) {
      lastPrint = now;
      printed = true;
      err.print("\r" + count + " " + unit + "…");
      err.flush();
    }
  }

  @Override
  public void close() {
    if (printed) {
      err.print("\r" + " ".repeat(30) + "\r");
      err.flush();
    }
  }
}
