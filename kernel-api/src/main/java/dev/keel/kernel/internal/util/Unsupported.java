package dev.keel.kernel.internal.util;

/** Builds the {@link UnsupportedOperationException} that default interface methods throw. */
public final class Unsupported {
  private Unsupported() {}

  public static UnsupportedOperationException method(Object self, String method) {
    return new UnsupportedOperationException(
        self.getClass().getName() + " does not implement " + method);
  }
}
