package dev.keel.connectors.trino;

import dev.keel.kernel.exceptions.ConcurrentWriteException;
import dev.keel.kernel.exceptions.InvalidTableException;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.exceptions.TableNotFoundException;
import io.trino.spi.ErrorCode;
import io.trino.spi.ErrorCodeSupplier;
import io.trino.spi.ErrorType;
import io.trino.spi.TrinoException;

/** The connector's error codes; every Keel error reaches the user as one, with Keel's message. */
enum KeelErrorCode implements ErrorCodeSupplier {
  /** Keel could not read or write the table (I/O, a malformed log, an unsupported feature). */
  KEEL_TABLE_ERROR(0, ErrorType.EXTERNAL),
  /** The table is not a Delta table Keel can read, or the request does not fit it. */
  KEEL_INVALID_TABLE(1, ErrorType.USER_ERROR),
  /** A commit lost to another writer's and could not be retried. */
  KEEL_COMMIT_CONFLICT(2, ErrorType.EXTERNAL),
  /** The catalog's configuration is wrong. */
  KEEL_CONFIG_ERROR(3, ErrorType.USER_ERROR);

  private final ErrorCode errorCode;

  KeelErrorCode(int code, ErrorType type) {
    this.errorCode = new ErrorCode(code + 0x0531_0000, name(), type);
  }

  @Override
  public ErrorCode toErrorCode() {
    return errorCode;
  }

  /** A Keel failure as Trino's error, keeping Keel's message. */
  static TrinoException fromKernel(KernelException e) {
    KeelErrorCode code =
        e instanceof ConcurrentWriteException
            ? KEEL_COMMIT_CONFLICT
            : e instanceof InvalidTableException || e instanceof TableNotFoundException
                ? KEEL_INVALID_TABLE
                : KEEL_TABLE_ERROR;
    return new TrinoException(code, e.getMessage(), e);
  }
}
