package dev.keel.kernel.internal;

import dev.keel.kernel.exceptions.EngineException;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.exceptions.TableNotFoundException;
import dev.keel.kernel.exceptions.UnsupportedTypeException;
import dev.keel.kernel.types.DataType;

/**
 * Builds every user-facing error of Keel (kernel and default engine), so messages stay
 * consistent: what failed, why, and what to do.
 */
public final class Errors {
  private Errors() {}

  /**
   * Wraps an engine failure once with the operation and path. A {@link KernelException} passes
   * through unchanged, so wrapping twice never happens.
   */
  public static KernelException engineFailure(String operation, String path, Throwable cause) {
    if (cause instanceof KernelException) {
      return (KernelException) cause;
    }
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
        : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return new EngineException("Failed to " + operation + " `" + path + "`: " + detail, cause);
  }

  public static TableNotFoundException tableNotFound(String tablePath, String why) {
    return new TableNotFoundException(
        "No Delta table at `" + tablePath + "`: " + why
            + ". Check the path; a Delta table is a directory with a _delta_log directory holding commit files.");
  }

  public static PathAlreadyExistsException pathAlreadyExists(String path) {
    return new PathAlreadyExistsException(
        "Cannot create `" + path + "`: the file already exists. Another writer created it first; "
            + "re-read the table and retry.");
  }

  public static MalformedDataException malformedJson(String file, long line, String detail, Throwable cause) {
    return new MalformedDataException(
        "Malformed JSON in `" + file + "` at line " + line + ": " + detail
            + ". The file is corrupt or was not written by a Delta writer.", cause);
  }

  public static MalformedDataException malformedJsonValue(String detail, Throwable cause) {
    return new MalformedDataException("Malformed JSON value: " + detail + ".", cause);
  }

  public static MalformedDataException malformedParquet(String file, String detail, Throwable cause) {
    return new MalformedDataException(
        "Cannot read Parquet file `" + file + "`: " + detail + ".", cause);
  }

  public static UnsupportedTypeException unsupportedConversion(String file, String column, String physical, DataType requested) {
    return new UnsupportedTypeException(
        "Cannot read column `" + column + "` of `" + file + "`: its Parquet type " + physical
            + " cannot be read as " + requested + ". The table's schema and the file disagree.");
  }

  public static MalformedDataException missingRequiredColumn(String file, String column) {
    return new MalformedDataException(
        "Cannot read `" + file + "`: the non-nullable column `" + column
            + "` is missing from the file. The file does not match the table's schema.");
  }
}
