package dev.keel.kernel.internal.types;

import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;

/** Builds nested struct schemas leaf by leaf, as the statistics schemas need. */
public final class StructPaths {
  private StructPaths() {}

  /**
   * @param s a struct
   * @param path field names from the top of {@code s} down to the leaf
   * @param leaf the leaf's type
   * @return {@code s} with the leaf added (and the structs on the way to it), nullable all the way;
   *     {@code s} itself when the leaf is already there
   */
  public static StructType withLeaf(StructType s, List<String> path, DataType leaf) {
    String head = path.get(0);
    if (path.size() == 1) {
      return s.get(head).isPresent() ? s : s.add(new StructField(head, leaf, true));
    }
    List<StructField> fields = new ArrayList<>(s.getFields());
    int at = s.indexOf(head);
    StructType child = at < 0 ? StructType.empty() : (StructType) fields.get(at).getDataType();
    StructField updated =
        new StructField(head, withLeaf(child, path.subList(1, path.size()), leaf), true);
    if (at < 0) {
      fields.add(updated);
    } else {
      fields.set(at, updated);
    }
    return new StructType(fields);
  }

  /**
   * @return {@code a} with every leaf of {@code b} that it lacks added (a leaf's type from {@code
   *     a} where both have it)
   */
  public static StructType merge(StructType a, StructType b) {
    StructType out = a;
    for (StructField f : b.getFields()) {
      out = mergeField(out, new ArrayList<>(List.of(f.getName())), f.getDataType());
    }
    return out;
  }

  private static StructType mergeField(StructType s, List<String> path, DataType t) {
    if (t instanceof StructType && !((StructType) t).getFields().isEmpty()) {
      StructType out = s;
      for (StructField f : ((StructType) t).getFields()) {
        List<String> child = new ArrayList<>(path);
        child.add(f.getName());
        out = mergeField(out, child, f.getDataType());
      }
      return out;
    }
    return withLeaf(s, path, t);
  }
}
