package io.treum.gitops.bump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.treum.gitops.kustomize.ManifestYaml;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Sets an image's tag and digest in the {@code images:} list of a kustomization file, surgically:
 * only the bytes of that entry's {@code newTag} and {@code digest} values change (or a line is
 * added or removed); comments, key order, quoting, blank lines and line endings stay as they were.
 * An image that has no entry gets one, and a file without {@code images:} gets the list.
 *
 * <p>Kustomize's semantics decide what is written: a tag alone drops the entry's digest (a digest
 * would win over the new tag), a digest alone drops its tag (the tag would be misleading), both set
 * both. {@code newName} and {@code tagSuffix} are left alone.
 *
 * <p>Every edit is checked by reading the result back: it must equal the old file with only that
 * entry changed, or the edit is refused — a file is never written half-right.
 */
public final class ImagesEditor {
  private static final String NEW_TAG = "newTag";
  private static final String DIGEST = "digest";

  private final ManifestYaml yaml;

  public ImagesEditor(ManifestYaml yaml) {
    this.yaml = Objects.requireNonNull(yaml, "yaml");
  }

  /**
   * The new text of a kustomization.
   *
   * @param text the file's text
   * @param source the file, for messages
   * @param change the image and its new tag and/or digest
   * @return the edited text, identical to {@code text} when the entry already says so
   * @throws BumpException when the file cannot be edited safely (not a mapping, {@code images} not
   *     a list, two entries for the image, an entry in a shape the editor cannot change)
   */
  public String edit(String text, String source, ImageChange change) {
    Node root = yaml.compose(text, source);
    if (!(root instanceof MappingNode mapping)) {
      throw new BumpException(source + " is not a kustomization (its root is not a mapping)");
    }
    Edit edit = new Edit(text, source, change);
    Optional<NodeTuple> images = tuple(mapping, "images");
    if (images.isEmpty()) {
      edit.addImagesList(mapping);
    } else if (!(images.get().getValueNode() instanceof SequenceNode list)) {
      throw new BumpException(
          source + ": images is not a list (line " + line(images.get().getValueNode()) + ")");
    } else {
      List<MappingNode> entries = matching(list, change.image(), source);
      if (entries.size() > 1) {
        throw new BumpException(
            source
                + ": images has "
                + entries.size()
                + " entries for "
                + change.image()
                + " (lines "
                + String.join(", ", entries.stream().map(e -> String.valueOf(line(e))).toList())
                + "): Kustomize applies only one; delete the others, then bump again");
      }
      if (entries.isEmpty()) {
        edit.addEntry(images.get(), list);
      } else {
        edit.updateEntry(entries.get(0));
      }
    }
    String edited = edit.apply();
    verify(text, edited, source, change);
    return edited;
  }

  private static List<MappingNode> matching(SequenceNode list, String image, String source) {
    List<MappingNode> entries = new ArrayList<>();
    for (Node entry : list.getValue()) {
      if (!(entry instanceof MappingNode map)) {
        throw new BumpException(
            source + ": an images entry is not a mapping (line " + line(entry) + ")");
      }
      if (image.equals(scalar(map, "name")) || image.equals(scalar(map, "newName"))) {
        entries.add(map);
      }
    }
    return entries;
  }

  /** Reads both texts back: the edit must change exactly the entry of the image. */
  private void verify(String before, String after, String source, ImageChange change) {
    JsonNode expected = yaml.readAll(before, source).get(0).deepCopy();
    apply((ObjectNode) expected, change);
    List<JsonNode> read = yaml.readAll(after, source);
    if (read.size() != 1 || !read.get(0).equals(expected)) {
      throw new BumpException(
          source
              + ": the edit of images could not be made without changing something else; edit"
              + " the entry for "
              + change.image()
              + " by hand (this is a bug in treum: please report it with the file)");
    }
  }

  /** What the edit must do to the file's content. */
  static void apply(ObjectNode kustomization, ImageChange change) {
    JsonNode list = kustomization.get("images");
    ArrayNode images = list instanceof ArrayNode array ? array : kustomization.putArray("images");
    ObjectNode entry = null;
    for (JsonNode candidate : images) {
      if (change.image().equals(candidate.path("name").asText(null))
          || change.image().equals(candidate.path("newName").asText(null))) {
        entry = (ObjectNode) candidate;
      }
    }
    if (entry == null) {
      entry = images.addObject().put("name", change.image());
    }
    if (change.tag() != null) {
      entry.put(NEW_TAG, change.tag());
    } else {
      entry.remove(NEW_TAG);
    }
    if (change.digest() != null) {
      entry.put(DIGEST, change.digest());
    } else {
      entry.remove(DIGEST);
    }
  }

  /** The text changes of one edit, applied together. */
  private static final class Edit {
    private record Splice(int start, int end, String replacement) {}

    private final String text;
    private final String source;
    private final ImageChange change;
    private final String newline;
    private final List<Splice> splices = new ArrayList<>();

    Edit(String text, String source, ImageChange change) {
      this.text = text;
      this.source = source;
      this.change = change;
      this.newline = text.contains("\r\n") ? "\r\n" : "\n";
    }

    String apply() {
      if (splices.isEmpty()) {
        return text;
      }
      StringBuilder out = new StringBuilder(text);
      splices.stream()
          .sorted(Comparator.comparingInt(Splice::start).reversed())
          .forEach(s -> out.replace(s.start(), s.end(), s.replacement()));
      return out.toString();
    }

    void updateEntry(MappingNode entry) {
      set(entry, NEW_TAG, change.tag());
      set(entry, DIGEST, change.digest());
    }

    private void set(MappingNode entry, String field, String value) {
      Optional<NodeTuple> existing = tuple(entry, field);
      if (existing.isPresent()) {
        Node node = existing.get().getValueNode();
        if (!(node instanceof ScalarNode scalar)) {
          throw new BumpException(
              source
                  + ": images entry field "
                  + field
                  + " is not a string (line "
                  + line(node)
                  + ")");
        }
        if (value == null) {
          remove(entry, existing.get());
        } else if (!value.equals(scalar.getValue())) {
          splices.add(
              new Splice(
                  offset(scalar.getStartMark()),
                  offset(scalar.getEndMark()),
                  format(value, scalar.getScalarStyle())));
        }
      } else if (value != null) {
        insert(entry, field, value);
      }
    }

    private void insert(MappingNode entry, String field, String value) {
      if (entry.getFlowStyle() == FlowStyle.FLOW) {
        int close = offset(entry.getEndMark()) - 1;
        splices.add(new Splice(close, close, ", " + field + ": " + format(value, null)));
        return;
      }
      List<NodeTuple> tuples = entry.getValue();
      Node last = tuples.get(tuples.size() - 1).getValueNode();
      requireScalar(last);
      int at = lineEnd(offset(last.getEndMark()));
      String indent = " ".repeat(entry.getStartMark().getColumn());
      splices.add(new Splice(at, at, newline + indent + field + ": " + format(value, null)));
    }

    private void remove(MappingNode entry, NodeTuple tuple) {
      int keyStart = offset(tuple.getKeyNode().getStartMark());
      int valueEnd = offset(tuple.getValueNode().getEndMark());
      List<NodeTuple> tuples = entry.getValue();
      int index = tuples.indexOf(tuple);
      if (entry.getFlowStyle() == FlowStyle.FLOW) {
        if (index > 0) {
          int previousEnd = offset(tuples.get(index - 1).getValueNode().getEndMark());
          splices.add(new Splice(previousEnd, valueEnd, ""));
        } else {
          int nextStart = offset(tuples.get(index + 1).getKeyNode().getStartMark());
          splices.add(new Splice(keyStart, nextStart, ""));
        }
        return;
      }
      int lineStart = lineStart(keyStart);
      if (text.substring(lineStart, keyStart).isBlank()) {
        int end = lineEnd(valueEnd);
        end = end < text.length() ? end + (text.startsWith("\r\n", end) ? 2 : 1) : end;
        splices.add(new Splice(lineStart, end, ""));
      } else {
        // the first key, on the list item's line: the next key moves up to take its place
        int nextStart = offset(tuples.get(index + 1).getKeyNode().getStartMark());
        splices.add(new Splice(keyStart, nextStart, ""));
      }
    }

    void addEntry(NodeTuple images, SequenceNode list) {
      if (list.getFlowStyle() == FlowStyle.FLOW) {
        if (!list.getValue().isEmpty()) {
          throw new BumpException(
              source
                  + ": images is a flow list ([...], line "
                  + line(list)
                  + "); write it as a block list (one '- name:' per line) to let treum add "
                  + change.image());
        }
        int keyColumn = images.getKeyNode().getStartMark().getColumn();
        splices.add(
            new Splice(
                offset(images.getKeyNode().getEndMark()),
                offset(list.getEndMark()),
                ":" + blockEntry(" ".repeat(keyColumn + 2))));
        return;
      }
      Node lastEntry = list.getValue().get(list.getValue().size() - 1);
      if (!(lastEntry instanceof MappingNode last) || last.getFlowStyle() == FlowStyle.FLOW) {
        throw new BumpException(
            source + ": cannot add an images entry after line " + line(lastEntry));
      }
      Node lastValue = last.getValue().get(last.getValue().size() - 1).getValueNode();
      requireScalar(lastValue);
      int dash = text.lastIndexOf('-', offset(last.getStartMark()));
      int dashColumn = dash - lineStart(dash);
      int at = lineEnd(offset(lastValue.getEndMark()));
      splices.add(new Splice(at, at, blockEntry(" ".repeat(dashColumn))));
    }

    void addImagesList(MappingNode root) {
      int keyColumn = root.getStartMark().getColumn();
      String indent = " ".repeat(keyColumn);
      String list = indent + "images:" + blockEntry(indent + sequenceIndent(root)) + newline;
      // keep sorted keys sorted (treum renders them so), else append at the end
      List<String> keys = new ArrayList<>();
      root.getValue().forEach(t -> keys.add(((ScalarNode) t.getKeyNode()).getValue()));
      boolean sorted = keys.equals(keys.stream().sorted().toList());
      for (NodeTuple tuple : root.getValue()) {
        String key = ((ScalarNode) tuple.getKeyNode()).getValue();
        if (sorted && key.compareTo("images") > 0) {
          int at = lineStart(offset(tuple.getKeyNode().getStartMark()));
          splices.add(new Splice(at, at, list));
          return;
        }
      }
      int end = text.length();
      String separator = text.isEmpty() || text.endsWith("\n") ? "" : newline;
      splices.add(new Splice(end, end, separator + list));
    }

    /** How this file indents list items below their key ({@code " "} when it has no list). */
    private String sequenceIndent(MappingNode root) {
      for (NodeTuple tuple : root.getValue()) {
        if (tuple.getValueNode() instanceof SequenceNode seq
            && seq.getFlowStyle() == FlowStyle.BLOCK
            && !seq.getValue().isEmpty()) {
          int item = offset(seq.getValue().get(0).getStartMark());
          int dash = text.lastIndexOf('-', item);
          int column = dash - lineStart(dash);
          return " ".repeat(Math.max(0, column - tuple.getKeyNode().getStartMark().getColumn()));
        }
      }
      return "  ";
    }

    /** A new entry starting with a line break, its dash at {@code indent}. */
    private String blockEntry(String indent) {
      StringBuilder entry = new StringBuilder();
      entry.append(newline).append(indent).append("- name: ").append(format(change.image(), null));
      if (change.tag() != null) {
        entry.append(newline).append(indent).append("  ").append(NEW_TAG).append(": ");
        entry.append(format(change.tag(), null));
      }
      if (change.digest() != null) {
        entry.append(newline).append(indent).append("  ").append(DIGEST).append(": ");
        entry.append(format(change.digest(), null));
      }
      return entry.toString();
    }

    private void requireScalar(Node node) {
      if (!(node instanceof ScalarNode scalar)
          || scalar.getScalarStyle() == ScalarStyle.LITERAL
          || scalar.getScalarStyle() == ScalarStyle.FOLDED) {
        throw new BumpException(
            source
                + ": the images entry ending on line "
                + line(node)
                + " is not a list of simple key: value lines; edit it by hand");
      }
    }

    private int offset(Mark mark) {
      return text.offsetByCodePoints(0, mark.getIndex());
    }

    private int lineStart(int offset) {
      return text.lastIndexOf('\n', offset - 1) + 1;
    }

    private int lineEnd(int offset) {
      int end = text.indexOf('\n', offset);
      if (end < 0) {
        return text.length();
      }
      return end > 0 && text.charAt(end - 1) == '\r' ? end - 1 : end;
    }
  }

  /** A scalar in the style it had: quoted values stay quoted; plain ones get quotes if needed. */
  static String format(String value, ScalarStyle style) {
    if (style == ScalarStyle.SINGLE_QUOTED) {
      return "'" + value.replace("'", "''") + "'";
    }
    if (style == ScalarStyle.DOUBLE_QUOTED || ManifestYaml.needsQuotes(value)) {
      return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return value;
  }

  private static Optional<NodeTuple> tuple(MappingNode mapping, String key) {
    return mapping.getValue().stream()
        .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
        .findFirst();
  }

  private static String scalar(MappingNode mapping, String key) {
    return tuple(mapping, key)
        .map(NodeTuple::getValueNode)
        .filter(ScalarNode.class::isInstance)
        .map(n -> ((ScalarNode) n).getValue())
        .orElse(null);
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }
}
