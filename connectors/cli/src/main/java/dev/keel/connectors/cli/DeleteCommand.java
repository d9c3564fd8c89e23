package dev.keel.connectors.cli;

import dev.keel.kernel.CommitResult;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "delete", description = "Delete the rows matching a predicate.")
final class DeleteCommand extends TableCommand {
  @Option(
      names = "--where",
      required = true,
      paramLabel = "PRED",
      description = "Which rows, e.g. \"amount < 10\".")
  String where;

  @Override
  Integer run(DefaultEngine engine) {
    Transaction t =
        Table.forPath(engine, tablePath())
            .createTransactionBuilder("keel-cli", Operation.DELETE)
            .build(engine);
    long deleted = t.delete(engine, PredicateParser.parse(where, t.getSchema()));
    CommitResult r = t.commit(engine);
    out()
        .println(
            "Deleted "
                + deleted
                + " row"
                + (deleted == 1 ? "" : "s")
                + " at version "
                + r.getVersion()
                + ".");
    return 0;
  }
}
