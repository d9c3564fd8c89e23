package dev.keel.kernel.internal.scan;

import dev.keel.kernel.ScanState;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.internal.Values;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON form of {@link ScanState}: {@code
 * {"version":1,"tablePath":..,"logicalSchema":..,"physicalSchema":..,"partitionColumns":{..}}}.
 */
public final class ScanStateCodec {
  private ScanStateCodec() {}

  public static String toJson(ScanState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", 1L);
    m.put("tablePath", s.getTablePath());
    m.put("logicalSchema", s.getLogicalSchema().toJson());
    m.put("physicalSchema", s.getPhysicalSchema().toJson());
    m.put("partitionColumns", new LinkedHashMap<String, Object>(s.getPartitionPhysicalNames()));
    return Json.toJson(m);
  }

  @SuppressWarnings("unchecked")
  public static ScanState fromJson(String json) {
    try {
      Map<String, Object> m = (Map<String, Object>) Json.parse(json);
      Map<String, String> partitions = new LinkedHashMap<>();
      ((Map<String, Object>) m.get("partitionColumns"))
          .forEach((k, v) -> partitions.put(k, (String) v));
      return Values.make()
          .scanState(
              (String) m.get("tablePath"),
              StructType.fromJson((String) m.get("logicalSchema")),
              StructType.fromJson((String) m.get("physicalSchema")),
              partitions);
    } catch (KernelException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KernelException(
          "Cannot read a scan state from `"
              + (json.length() > 100 ? json.substring(0, 100) + "..." : json)
              + "`: it was not written by ScanState.toJson ("
              + e
              + ").",
          e);
    }
  }

  public static List<String> partitionColumnsRead(ScanState s) {
    List<String> out = new ArrayList<>();
    for (StructField f : s.getLogicalSchema().getFields()) {
      if (s.getPartitionPhysicalNames().containsKey(f.getName())) {
        out.add(f.getName());
      }
    }
    return out;
  }
}
