package dev.keel.kernel.internal.replay;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.internal.log.LogSegment;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays the non-file state of a snapshot: application transactions ({@code txn}) and domain
 * metadata. Newest first, the first action per application id or domain wins; removed domains are
 * left out.
 */
public final class StateReplay {
  public final Map<String, Long> transactionVersions;
  public final Map<String, Long> transactionLastUpdated;
  public final Map<String, String> domains;

  private StateReplay(
      Map<String, Long> versions, Map<String, Long> lastUpdated, Map<String, String> domains) {
    this.transactionVersions = versions;
    this.transactionLastUpdated = lastUpdated;
    this.domains = domains;
  }

  private static final StructType SCHEMA =
      ActionSchemas.of(ActionSchemas.TXN_FIELD, ActionSchemas.DOMAIN_METADATA_FIELD);

  public static StateReplay load(Engine engine, LogSegment segment) {
    Map<String, Long> versions = new TreeMap<>();
    Map<String, Long> lastUpdated = new TreeMap<>();
    Map<String, String> domains = new TreeMap<>();
    Set<String> seenDomains = new HashSet<>();
    try (CloseableIterator<LogFiles.ActionBatch> it =
        LogFiles.concat(
            LogFiles.commits(engine, segment, SCHEMA),
            LogFiles.lazy(() -> LogFiles.checkpoint(engine, segment, SCHEMA, false)))) {
      while (it.hasNext()) {
        try (LogFiles.ActionBatch ab = it.next()) {
          ColumnVector txn = ab.batch.getColumnVector(0);
          ColumnVector dm = ab.batch.getColumnVector(1);
          for (int i = 0; i < ab.batch.getSize(); i++) {
            if (!txn.isNullAt(i) && !txn.getChild(0).isNullAt(i) && !txn.getChild(1).isNullAt(i)) {
              String app = txn.getChild(0).getString(i);
              if (!versions.containsKey(app)) {
                versions.put(app, txn.getChild(1).getLong(i));
                if (!txn.getChild(2).isNullAt(i)) {
                  lastUpdated.put(app, txn.getChild(2).getLong(i));
                }
              }
            }
            if (!dm.isNullAt(i) && !dm.getChild(0).isNullAt(i)) {
              String domain = dm.getChild(0).getString(i);
              if (seenDomains.add(domain)) {
                boolean removed = !dm.getChild(2).isNullAt(i) && dm.getChild(2).getBoolean(i);
                if (!removed) {
                  domains.put(
                      domain, dm.getChild(1).isNullAt(i) ? "" : dm.getChild(1).getString(i));
                }
              }
            }
          }
        }
      }
    }
    return new StateReplay(versions, lastUpdated, domains);
  }
}
