package io.treum.gitops.kustomize;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Expands YAML aliases ({@code *name}) into copies of their anchored nodes, as Kustomize does
 * before it builds, but with limits: Jackson's YAML parser does not resolve aliases at all (it
 * returns the anchor's name as a string), and Kustomize has no limit (a "billion laughs" file
 * exhausts its memory). Works on the event stream so scalar styles and tags, and therefore the
 * types Jackson gives the values, are kept.
 */
final class YamlAliases {
  /** A possible alias: {@code *} followed by an anchor character (cron's {@code * *} is not). */
  private static final Pattern MAYBE_ALIAS = Pattern.compile("\\*[^\\s,\\[\\]{}*]");

  private YamlAliases() {}

  /** A limit broken while expanding; the message says which and why. */
  static final class LimitException extends RuntimeException {
    LimitException(String message) {
      super(message);
    }
  }

  /**
   * The text with every alias replaced by a copy of its anchored node and every anchor removed, or
   * {@code null} when the text has no alias (read it as it is).
   *
   * @throws LimitException when the text uses more than {@code maxAliases} aliases in a document,
   *     when they would expand to more than {@code maxExpandedEvents} nodes, or when an alias is
   *     unknown or refers to a node that contains it
   */
  static String expand(String text, LoaderOptions options, int maxAliases, int maxExpandedEvents) {
    if (!MAYBE_ALIAS.matcher(text).find()) {
      return null;
    }
    ParserImpl parser = new ParserImpl(new StreamReader(text), options);
    List<Event> out = new ArrayList<>();
    Map<String, List<Event>> anchors = new HashMap<>();
    Deque<Recording> open = new ArrayDeque<>();
    boolean sawAlias = false;
    int aliases = 0;
    long expanded = 0;
    long recorded = 0;
    int depth = 0;
    Event event;
    do {
      event = parser.getEvent();
      switch (event.getEventId()) {
        case DocumentStart:
          anchors.clear();
          aliases = 0;
          expanded = 0;
          recorded = 0;
          emit(event, out, open);
          break;
        case Alias:
          {
            sawAlias = true;
            String name = ((AliasEvent) event).getAnchor();
            for (Recording recording : open) {
              if (recording.anchor.equals(name)) {
                throw new LimitException(
                    "alias *" + name + " refers to a node that contains it (a recursive alias)");
              }
            }
            List<Event> value = anchors.get(name);
            if (value == null) {
              throw new LimitException("alias *" + name + " refers to no anchor &" + name);
            }
            if (++aliases > maxAliases) {
              throw new LimitException(
                  "too many YAML aliases (more than "
                      + maxAliases
                      + " in one document): refusing a possible \"billion laughs\" document;"
                      + " write the values out instead");
            }
            expanded += value.size();
            if (expanded > maxExpandedEvents) {
              throw new LimitException(
                  "YAML aliases expand to more than "
                      + maxExpandedEvents
                      + " nodes: refusing a possible \"billion laughs\" document; write the values"
                      + " out instead");
            }
            for (Event copy : value) {
              emit(copy, out, open);
            }
            recorded += (long) value.size() * open.size();
            break;
          }
        case Scalar:
          {
            ScalarEvent scalar = (ScalarEvent) event;
            if (scalar.getAnchor() != null) {
              ScalarEvent plain =
                  new ScalarEvent(
                      null,
                      scalar.getTag(),
                      scalar.getImplicit(),
                      scalar.getValue(),
                      scalar.getStartMark(),
                      scalar.getEndMark(),
                      scalar.getScalarStyle());
              anchors.put(scalar.getAnchor(), List.of(plain));
              event = plain;
            }
            emit(event, out, open);
            recorded += open.size();
            break;
          }
        case MappingStart:
        case SequenceStart:
          {
            CollectionStartEvent start = (CollectionStartEvent) event;
            if (start.getAnchor() != null) {
              open.push(new Recording(start.getAnchor(), depth));
              event = withoutAnchor(start);
            }
            emit(event, out, open);
            recorded += open.size();
            depth++;
            break;
          }
        case MappingEnd:
        case SequenceEnd:
          depth--;
          emit(event, out, open);
          recorded += open.size();
          if (!open.isEmpty() && open.peek().depth == depth) {
            Recording done = open.pop();
            anchors.put(done.anchor, done.events);
          }
          break;
        default:
          emit(event, out, open);
      }
      if (recorded > 20L * maxExpandedEvents) {
        throw new LimitException(
            "too many nested YAML anchors: refusing a possible \"billion laughs\" document");
      }
    } while (event.getEventId() != Event.ID.StreamEnd);
    return sawAlias ? write(out) : null;
  }

  private static void emit(Event event, List<Event> out, Deque<Recording> open) {
    out.add(event);
    for (Recording recording : open) {
      recording.events.add(event);
    }
  }

  private static Event withoutAnchor(CollectionStartEvent start) {
    if (start instanceof MappingStartEvent) {
      return new MappingStartEvent(
          null,
          start.getTag(),
          start.getImplicit(),
          start.getStartMark(),
          start.getEndMark(),
          start.getFlowStyle());
    }
    return new SequenceStartEvent(
        null,
        start.getTag(),
        start.getImplicit(),
        start.getStartMark(),
        start.getEndMark(),
        start.getFlowStyle());
  }

  private static String write(List<Event> events) {
    DumperOptions options = new DumperOptions();
    options.setSplitLines(false);
    options.setWidth(Integer.MAX_VALUE);
    options.setAllowUnicode(true);
    StringWriter writer = new StringWriter();
    Emitter emitter = new Emitter(writer, options);
    try {
      for (Event event : events) {
        emitter.emit(event);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writer.toString();
  }

  /** An anchored collection being read: its events are its value once it ends. */
  private static final class Recording {
    final String anchor;
    final int depth;
    final List<Event> events = new ArrayList<>();

    Recording(String anchor, int depth) {
      this.anchor = anchor;
      this.depth = depth;
    }
  }
}
