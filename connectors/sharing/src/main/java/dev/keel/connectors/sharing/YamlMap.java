package dev.keel.connectors.sharing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One mapping of the configuration file, read key by key: every value is checked for its type, and
 * {@link #allow} refuses keys it does not list, each error naming the file, the line and the key's
 * place in the document.
 */
final class YamlMap {
  private final String source;
  private final String path;
  private final Node node;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  YamlMap(String source, String path, Node node) {
    this.source = source;
    this.path = path;
    this.node = node;
    if (!(node instanceof MappingNode mapping)) {
      throw error(
          node, (path.isEmpty() ? "the document" : "`" + path + "`") + " must be a mapping");
    }
    for (NodeTuple t : mapping.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        throw error(t.getKeyNode(), "keys must be plain words");
      }
      if (entries.put(key.getValue(), t) != null) {
        throw error(key, "`" + qualified(key.getValue()) + "` is given twice");
      }
    }
  }

  int line() {
    return node.getStartMark().getLine() + 1;
  }

  String path() {
    return path;
  }

  Optional<String> optionalString(String key) {
    NodeTuple t = entries.get(key);
    if (t == null || isNull(t.getValueNode())) {
      return Optional.empty();
    }
    if (!(t.getValueNode() instanceof ScalarNode scalar)) {
      throw error(t.getValueNode(), "`" + qualified(key) + "` must be a single value");
    }
    return Optional.of(scalar.getValue());
  }

  String string(String key) {
    return optionalString(key)
        .filter(s -> !s.isBlank())
        .orElseThrow(
            () ->
                error(
                    node,
                    "`"
                        + qualified(key)
                        + "` is required"
                        + (path.isEmpty() ? "" : " in the entry `" + path + "`")));
  }

  long longValue(String key, long defaultValue, long min, long max) {
    Optional<String> text = optionalString(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    long value;
    try {
      value = Long.parseLong(text.get().trim());
    } catch (NumberFormatException e) {
      throw error(
          entries.get(key).getValueNode(),
          "`" + qualified(key) + "` must be a whole number, not `" + text.get() + "`");
    }
    if (value < min || value > max) {
      throw error(
          entries.get(key).getValueNode(),
          "`" + qualified(key) + "` must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }

  boolean booleanValue(String key, boolean defaultValue) {
    Optional<String> text = optionalString(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    return switch (text.get().trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw error(
              entries.get(key).getValueNode(),
              "`" + qualified(key) + "` must be true or false, not `" + text.get() + "`");
    };
  }

  Optional<YamlMap> optionalMap(String key) {
    NodeTuple t = entries.get(key);
    if (t == null || isNull(t.getValueNode())) {
      return Optional.empty();
    }
    return Optional.of(new YamlMap(source, qualified(key), t.getValueNode()));
  }

  /** Every entry as text: a mapping of single values, such as file system options. */
  Map<String, String> strings() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : entries.keySet()) {
      out.put(key, optionalString(key).orElse(""));
    }
    return out;
  }

  /** The entries of a list of mappings; an absent key is an empty list. */
  List<YamlMap> list(String key) {
    NodeTuple t = entries.get(key);
    List<YamlMap> out = new ArrayList<>();
    if (t == null || isNull(t.getValueNode())) {
      return out;
    }
    if (!(t.getValueNode() instanceof SequenceNode seq)) {
      throw error(t.getValueNode(), "`" + qualified(key) + "` must be a list");
    }
    for (int i = 0; i < seq.getValue().size(); i++) {
      out.add(new YamlMap(source, qualified(key) + "[" + i + "]", seq.getValue().get(i)));
    }
    return out;
  }

  /**
   * Refuses every key but these, naming the first unknown one with its line.
   *
   * @return this mapping
   */
  YamlMap allow(String... keys) {
    Set<String> allowed = new TreeSet<>(List.of(keys));
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw error(
            e.getValue().getKeyNode(),
            "unknown key `"
                + qualified(e.getKey())
                + "`; the keys allowed here are "
                + String.join(", ", allowed));
      }
    }
    return this;
  }

  /** An error about this mapping as a whole, at its first line. */
  InvalidSharingConfigException error(String message) {
    return error(node, message);
  }

  InvalidSharingConfigException error(Node at, String message) {
    return new InvalidSharingConfigException(
        "Cannot use the sharing configuration "
            + source
            + ": line "
            + (at.getStartMark().getLine() + 1)
            + ": "
            + message
            + ".");
  }

  private String qualified(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode s && n.getTag().getValue().endsWith(":null");
  }
}
