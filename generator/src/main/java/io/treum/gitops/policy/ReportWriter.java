package io.treum.gitops.policy;

import io.treum.gitops.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the reports of a run into a report folder, before the build is failed, so that CI can
 * publish them either way. Every report is rendered before anything is written; each file is
 * written beside its target and renamed over it atomically, so a reader sees the old report or the
 * new one, never half of one.
 */
public final class ReportWriter {
  /** The parameter that names the report folder. */
  public static final String DIRECTORY_PARAMETER = "treum.report.directory";

  /**
   * Writes one file per format into {@code directory}, creating it.
   *
   * @return the files written, in {@link ReportFormat} order
   * @throws ReportException when {@code directory} (or a folder above it) is a file, or a report's
   *     file name is taken by a folder
   * @throws UncheckedIOException when writing fails for another reason
   */
  public List<Path> write(
      ValidationResult result,
      ReportOptions options,
      Collection<ReportFormat> formats,
      Path directory) {
    Map<ReportFormat, String> rendered = new LinkedHashMap<>();
    for (ReportFormat format : sorted(formats)) {
      rendered.put(format, format.report().render(result, options));
    }
    if (rendered.isEmpty()) {
      return List.of();
    }
    Path folder = createFolder(directory);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<ReportFormat, String> report : rendered.entrySet()) {
      Path target = folder.resolve(report.getKey().fileName());
      writeAtomically(target, report.getValue());
      written.add(target);
    }
    return List.copyOf(written);
  }

  private static EnumSet<ReportFormat> sorted(Collection<ReportFormat> formats) {
    EnumSet<ReportFormat> set = EnumSet.noneOf(ReportFormat.class);
    set.addAll(formats);
    return set;
  }

  private static Path createFolder(Path directory) {
    Path absolute = directory.toAbsolutePath().normalize();
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw new ReportException(
          DIRECTORY_PARAMETER
              + " is "
              + absolute
              + ", which is a file: point "
              + DIRECTORY_PARAMETER
              + " at a folder (treum creates it)");
    }
    try {
      Files.createDirectories(absolute);
    } catch (FileSystemException e) {
      throw new ReportException(
          "cannot create the report folder "
              + absolute
              + " ("
              + DIRECTORY_PARAMETER
              + "): "
              + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason())
              + " at "
              + e.getFile()
              + "; is a folder on the way a file?",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the report folder " + absolute, e);
    }
    return absolute;
  }

  private static void writeAtomically(Path target, String text) {
    if (Files.isDirectory(target)) {
      throw new ReportException(
          target
              + " is a folder where treum writes a report: remove it or choose another "
              + DIRECTORY_PARAMETER);
    }
    try {
      AtomicFiles.writeString(target, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report " + target, e);
    }
  }
}
