package io.treum.gitops.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Line-based unified diff as GNU {@code diff -u} prints it: three lines of context, removed lines
 * before added ones, a missing final newline marked {@code \ No newline at end of file}. Lines
 * shared at the start and end are matched first, so a small change to a large file stays cheap; the
 * rest is diffed by longest common subsequence up to {@link #MAX_CELLS} cells, beyond which it is
 * shown as removed and added whole (still a correct diff, only not the shortest).
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;

  /** Largest table the longest-common-subsequence step may use (lines × lines). */
  static final long MAX_CELLS = 4_000_000;

  private static final String NO_NEWLINE = "\\ No newline at end of file";

  private UnifiedDiff() {}

  private enum Op {
    KEEP,
    DELETE,
    INSERT
  }

  private record Edit(Op op, int a, int b) {}

  /** One line and whether a newline ends it. */
  private record Line(String text, boolean newline) {}

  /** The diff from {@code oldText} to {@code newText}; empty when they are equal. */
  public static String of(String oldName, String oldText, String newName, String newText) {
    if (oldText.equals(newText)) {
      return "";
    }
    List<Line> a = lines(oldText);
    List<Line> b = lines(newText);
    List<Edit> edits = edits(a, b);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(oldName).append('\n');
    out.append("+++ ").append(newName).append('\n');
    int i = 0;
    while (i < edits.size()) {
      if (edits.get(i).op() == Op.KEEP) {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int lastChange = i;
      int end = i;
      while (end < edits.size()) {
        if (edits.get(end).op() != Op.KEEP) {
          lastChange = end;
        } else if (end - lastChange > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(edits.size(), lastChange + CONTEXT + 1);
      int aStart = edits.get(start).a();
      int bStart = edits.get(start).b();
      int aCount = 0;
      int bCount = 0;
      StringBuilder hunk = new StringBuilder();
      for (int k = start; k < end; k++) {
        Edit e = edits.get(k);
        switch (e.op()) {
          case KEEP -> {
            append(hunk, ' ', a.get(e.a()));
            aCount++;
            bCount++;
          }
          case DELETE -> {
            append(hunk, '-', a.get(e.a()));
            aCount++;
          }
          case INSERT -> {
            append(hunk, '+', b.get(e.b()));
            bCount++;
          }
        }
      }
      out.append("@@ -")
          .append(range(aStart, aCount))
          .append(" +")
          .append(range(bStart, bCount))
          .append(" @@\n")
          .append(hunk);
      i = end;
    }
    return out.toString();
  }

  private static void append(StringBuilder hunk, char prefix, Line line) {
    hunk.append(prefix).append(line.text()).append('\n');
    if (!line.newline()) {
      hunk.append(NO_NEWLINE).append('\n');
    }
  }

  /** {@code start,count} as diff prints it: the count left out when 1, start 0 for none. */
  private static String range(int start, int count) {
    if (count == 0) {
      return start + ",0";
    }
    return count == 1 ? String.valueOf(start + 1) : (start + 1) + "," + count;
  }

  private static List<Line> lines(String text) {
    List<Line> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int newline = text.indexOf('\n', start);
      if (newline < 0) {
        lines.add(new Line(text.substring(start), false));
        break;
      }
      lines.add(new Line(text.substring(start, newline), true));
      start = newline + 1;
    }
    return lines;
  }

  /** An edit script: shared head and tail kept, the middle by longest common subsequence. */
  private static List<Edit> edits(List<Line> a, List<Line> b) {
    int head = 0;
    while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
      head++;
    }
    int tail = 0;
    while (tail < a.size() - head
        && tail < b.size() - head
        && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
      tail++;
    }
    List<Edit> edits = new ArrayList<>();
    for (int i = 0; i < head; i++) {
      edits.add(new Edit(Op.KEEP, i, i));
    }
    middle(a, b, head, a.size() - tail, b.size() - tail, edits);
    for (int i = tail; i > 0; i--) {
      edits.add(new Edit(Op.KEEP, a.size() - i, b.size() - i));
    }
    return edits;
  }

  private static void middle(
      List<Line> a, List<Line> b, int from, int aEnd, int bEnd, List<Edit> edits) {
    int n = aEnd - from;
    int m = bEnd - from;
    if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
      for (int i = from; i < aEnd; i++) {
        edits.add(new Edit(Op.DELETE, i, from));
      }
      for (int j = from; j < bEnd; j++) {
        edits.add(new Edit(Op.INSERT, aEnd, j));
      }
      return;
    }
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(from + i).equals(b.get(from + j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(from + i).equals(b.get(from + j))) {
        edits.add(new Edit(Op.KEEP, from + i++, from + j++));
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        // removals first, as diff prints them
        edits.add(new Edit(Op.DELETE, from + i++, from + j));
      } else {
        edits.add(new Edit(Op.INSERT, from + i, from + j++));
      }
    }
  }
}
