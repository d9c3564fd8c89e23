package dev.keel.kernel.defaults.internal.parquet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Checks, for one batch, that the columns decoded column by column below a struct agree on the rows
 * in which the struct is present. Each column's definition levels say it on their own, and in an
 * intact file they all say the same; in a damaged one they may not, and then no reading is right
 * (parquet-hadoop's record assembly believes whichever column it meets first). The struct's first
 * columnar leaf or map, its claimer, marks the struct vector; every other column below it notes its
 * own view in {@link Marks}, and {@link #check} compares the two once all columns are decoded.
 */
final class StructPresence {
  /** One column's view of one struct it does not claim, in the current batch. */
  private record View(
      StructVector struct, String name, String claimer, String column, long[] seen) {}

  private final List<View> views = new ArrayList<>();

  /** Forgets the last batch's views. */
  void clear() {
    views.clear();
  }

  /**
   * Notes the views {@code marks} took of the structs it does not claim, to be checked by {@link
   * #check}.
   *
   * @param names the structs' dotted paths
   * @param claimers the paths of the columns that claim them
   * @param column the path of the column whose marks these are
   */
  void add(Marks marks, String[] names, String[] claimers, String column) {
    for (int k = 0; k < marks.structs.length; k++) {
      if (!marks.claims[k]) {
        views.add(new View(marks.structs[k], names[k], claimers[k], column, marks.seen[k]));
      }
    }
  }

  /**
   * @param n the batch's rows
   * @throws ParquetDecodingException naming the struct, the row and the two columns, if a column
   *     says the struct is present in a row where its claimer says it is null, or the reverse
   */
  void check(int n) {
    for (View v : views) {
      ArrowBuf validity = v.struct.getValidityBuffer();
      int full = n >>> 6;
      for (int w = 0; w < full; w++) {
        if (validity.getLong((long) w * 8) != v.seen[w]) {
          compareRows(v, w << 6, (w + 1) << 6);
        }
      }
      compareRows(v, full << 6, n);
    }
  }

  /** Compares the two views of rows {@code from..to-1} one by one. */
  private static void compareRows(View v, int from, int to) {
    ArrowBuf validity = v.struct.getValidityBuffer();
    for (int row = from; row < to; row++) {
      boolean claimed = BitVectorHelper.get(validity, row) == 1;
      boolean other = (v.seen[row >>> 6] & (1L << row)) != 0;
      if (claimed != other) {
        throw new ParquetDecodingException(
            "the columns of struct "
                + v.name
                + " disagree on where it is null: in row "
                + row
                + " of the batch, column "
                + (other ? v.column : v.claimer)
                + " says it is present and column "
                + (other ? v.claimer : v.column)
                + " that it is null");
      }
    }
  }

  /**
   * One column's marks of the structs around it, for one batch: the structs it claims are marked
   * present in their vectors; for the others it notes where it says they are present, for {@link
   * StructPresence#check}.
   */
  static final class Marks {
    private StructVector[] structs;
    private int[] levels;
    private boolean[] claims;
    private long[][] seen = new long[0][];

    /**
     * Starts a batch of {@code n} rows.
     *
     * @param structs the enclosing structs' vectors (their validity bits all clear)
     * @param levels the definition level at which each is present
     * @param claims whether this column marks each struct's vector
     */
    void start(StructVector[] structs, int[] levels, boolean[] claims, int n) {
      this.structs = structs;
      this.levels = levels;
      this.claims = claims;
      int words = (n + 63) >>> 6;
      if (seen.length < structs.length) {
        seen = Arrays.copyOf(seen, structs.length);
      }
      for (int k = 0; k < structs.length; k++) {
        if (!claims[k]) {
          if (seen[k] == null || seen[k].length < words) {
            seen[k] = new long[Math.max(words, 16)];
          } else {
            Arrays.fill(seen[k], 0, words, 0L);
          }
        }
      }
    }

    /** Row {@code row}'s definition level is {@code level}. */
    void row(int row, int level) {
      for (int k = 0; k < structs.length; k++) {
        if (level >= levels[k]) {
          if (claims[k]) {
            structs[k].setIndexDefined(row);
          } else {
            seen[k][row >>> 6] |= 1L << row;
          }
        }
      }
    }

    /** Rows {@code start..start+m-1} all have definition level {@code level}. */
    void run(int start, int m, int level) {
      for (int k = 0; k < structs.length; k++) {
        if (level >= levels[k]) {
          if (claims[k]) {
            structs[k].setIndexDefined(start + m - 1); // makes room for the bits
            FlatColumnDecoder.setValid(structs[k].getValidityBuffer(), start, m);
          } else {
            setRange(seen[k], start, m);
          }
        }
      }
    }

    /**
     * Rows {@code start..start+m-1} have the definition levels {@code lv[0..m-1]}, or are all
     * present when {@code lv} is null.
     */
    void rows(int start, int m, int[] lv) {
      if (lv == null) {
        run(start, m, Integer.MAX_VALUE);
        return;
      }
      for (int k = 0; k < structs.length; k++) {
        int level = levels[k];
        if (claims[k]) {
          StructVector struct = structs[k];
          for (int j = 0; j < m; j++) {
            if (lv[j] >= level) {
              struct.setIndexDefined(start + j);
            }
          }
        } else {
          // A word of bits at a time: from row to the end of its word, or of the rows
          long[] bits = seen[k];
          for (int j = 0; j < m; ) {
            int row = start + j;
            int take = Math.min(64 - (row & 63), m - j);
            long word = 0;
            for (int b = 0; b < take; b++) {
              word |= (lv[j + b] >= level ? 1L : 0L) << b;
            }
            bits[row >>> 6] |= word << row;
            j += take;
          }
        }
      }
    }

    private static void setRange(long[] bits, int start, int m) {
      int end = start + m;
      int first = start >>> 6;
      int last = (end - 1) >>> 6;
      if (first == last) {
        bits[first] |= (-1L >>> (64 - m)) << start;
        return;
      }
      bits[first] |= -1L << start;
      for (int w = first + 1; w < last; w++) {
        bits[w] = -1L;
      }
      bits[last] |= -1L >>> (64 - ((end & 63) == 0 ? 64 : end & 63));
    }
  }
}
