package dev.keel.kernel.defaults.internal.parquet;

/** The vector position the next value of a converter goes to. */
@FunctionalInterface
interface Slot {
  int get();
}
