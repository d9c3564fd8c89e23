package dev.keel.kernel;

import dev.keel.kernel.annotations.Stable;

/** What a transaction does, recorded as {@code commitInfo.operation}. */
@Stable
public enum Operation {
  /** Create a new table (with or without data). */
  CREATE_TABLE("CREATE TABLE"),
  /** Append data. */
  WRITE("WRITE"),
  /** Delete rows. */
  DELETE("DELETE"),
  /** Delete, update and insert rows in one commit (a SQL {@code UPDATE} or {@code MERGE}). */
  MERGE("MERGE"),
  /** Replace data (remove files, then write). */
  OVERWRITE("WRITE"),
  /** Write a streaming micro-batch (idempotent with a transaction id). */
  STREAMING_UPDATE("STREAMING UPDATE"),
  /** Set table properties on an existing table. */
  SET_TABLE_PROPERTIES("SET TBLPROPERTIES"),
  /** Add columns to an existing table's schema. */
  ADD_COLUMNS("ADD COLUMNS"),
  /** Anything else, recorded as given to the builder. */
  MANUAL_UPDATE("MANUAL UPDATE"),
  /** Restores the table's files to those of an earlier version. */
  RESTORE("RESTORE"),
  /** Removes entries whose data files are missing (file system check). */
  FSCK("FSCK"),
  /** Rewrites small files into larger ones without changing the data. */
  OPTIMIZE("OPTIMIZE");

  private final String description;

  Operation(String description) {
    this.description = description;
  }

  /**
   * @return the name Delta writers use in commitInfo
   */
  public String getDescription() {
    return description;
  }
}
