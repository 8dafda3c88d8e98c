package io.treum.gitops.bump;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What {@code java.util.logging} receives at every level while open — and through slf4j-jdk14,
 * everything JGit and Jetty log — formatted with any exception's stack trace.
 */
final class LogRecords implements AutoCloseable {
  private final List<Logger> loggers;
  private final List<Level> levels = new ArrayList<>();
  private final List<String> records = new ArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (records) {
            records.add(formatter.format(record));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogRecords(List<Logger> loggers) {
    this.loggers = loggers;
    handler.setLevel(Level.ALL);
    for (Logger logger : loggers) {
      levels.add(logger.getLevel());
      logger.setLevel(Level.ALL);
      logger.addHandler(handler);
    }
  }

  /** Records everything logged under the named loggers (their children included). */
  static LogRecords of(String... names) {
    return new LogRecords(List.of(names).stream().map(Logger::getLogger).toList());
  }

  /** The records so far, one after the other. */
  String text() {
    synchronized (records) {
      return String.join("", records);
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < loggers.size(); i++) {
      loggers.get(i).removeHandler(handler);
      loggers.get(i).setLevel(levels.get(i));
    }
  }
}
