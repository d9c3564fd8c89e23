/**
 * The reports the kernel emits to an engine's {@link dev.keel.kernel.engine.MetricsReporter}s: one
 * type per event ({@link SnapshotReport}, {@link ScanReport}, {@link DataReadReport}, {@link
 * CommitReport}). A reporter tells them apart with {@code instanceof}, or reads the common {@link
 * dev.keel.kernel.engine.MetricsReport} view (operation, table, named figures). The kernel makes
 * these values; users only read them.
 */
package dev.keel.kernel.metrics;
