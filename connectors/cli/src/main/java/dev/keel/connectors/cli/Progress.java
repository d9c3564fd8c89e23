package dev.keel.connectors.cli;

import dev.keel.kernel.MaintenanceProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A progress line on stderr for work that takes more than half a second, redrawn at most five times
 * a second and wiped when done; shown only when the process has a terminal (so pipes, files and
 * tests see nothing). Counts rows ({@link #tick}) or follows a maintenance operation ({@link
 * #update}), whose amounts are in {@code unit}: {@code bytes} are printed as KiB, MiB or GiB.
 */
final class Progress implements AutoCloseable, MaintenanceProgress {
  private static final long DELAY_NANOS = 500_000_000L;
  private static final long INTERVAL_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final String unit;
  private final boolean enabled;
  private final LongSupplier nanoClock;
  private final long start;
  private long count;
  private long lastPrint;
  private int lastWidth;

  Progress(PrintWriter err, String unit) {
    this(err, unit, System.console() != null, System::nanoTime);
  }

  /**
   * @param enabled whether to print at all
   * @param nanoClock the time, in nanoseconds
   */
  Progress(PrintWriter err, String unit, boolean enabled, LongSupplier nanoClock) {
    this.err = err;
    this.unit = unit;
    this.enabled = enabled;
    this.nanoClock = nanoClock;
    this.start = nanoClock.getAsLong();
  }

  /** Counts one more {@code unit}. */
  void tick() {
    count++;
    show(() -> count + " " + unit + "…");
  }

  @Override
  public void update(String step, long done, long total) {
    show(
        () ->
            step
                + ": "
                + amount(done)
                + " of "
                + amount(total)
                + (total > 0 ? " (" + (100 * done / total) + "%)" : "")
                + "…");
  }

  private void show(Supplier<String> line) {
    if (!enabled) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (now - start > DELAY_NANOS && (lastWidth == 0 || now - lastPrint > INTERVAL_NANOS)) {
      lastPrint = now;
      String text = line.get();
      err.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
      err.flush();
      lastWidth = text.length();
    }
  }

  private String amount(long n) {
    if (!unit.equals("bytes")) {
      return n + " " + unit;
    }
    String[] units = {"GiB", "MiB", "KiB"};
    for (int i = 0; i < units.length; i++) {
      long scale = 1L << (10 * (3 - i));
      if (n >= scale) {
        return String.format(Locale.ROOT, "%.1f %s", (double) n / scale, units[i]);
      }
    }
    return n + " bytes";
  }

  @Override
  public void close() {
    if (lastWidth > 0) {
      err.print("\r" + " ".repeat(lastWidth) + "\r");
      err.flush();
    }
  }
}
