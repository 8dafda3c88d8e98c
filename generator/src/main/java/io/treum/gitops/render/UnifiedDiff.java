package io.treum.gitops.render;

import java.util.ArrayList;
import java.util.List;

/** Line-based unified diff (as {@code diff -u} prints it) with three lines of context. */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** The diff from {@code oldText} to {@code newText}; empty when they are equal. */
  public static String of(String oldName, String oldText, String newName, String newText) {
    if (oldText.equals(newText)) {
      return "";
    }
    List<String> a = lines(oldText);
    List<String> b = lines(newText);
    List<int[]> edits = edits(a, b); // {type, aIndex, bIndex}: 0 keep, 1 delete, 2 insert
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(oldName).append('\n');
    out.append("+++ ").append(newName).append('\n');
    int i = 0;
    while (i < edits.size()) {
      if (edits.get(i)[0] == 0) {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      int lastChange = i;
      while (end < edits.size()) {
        if (edits.get(end)[0] != 0) {
          lastChange = end;
        } else if (end - lastChange > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(edits.size(), lastChange + CONTEXT + 1);
      int aStart = edits.get(start)[1];
      int bStart = edits.get(start)[2];
      int aCount = 0;
      int bCount = 0;
      StringBuilder hunk = new StringBuilder();
      for (int k = start; k < end; k++) {
        int[] e = edits.get(k);
        if (e[0] == 0) {
          hunk.append(' ').append(a.get(e[1])).append('\n');
          aCount++;
          bCount++;
        } else if (e[0] == 1) {
          hunk.append('-').append(a.get(e[1])).append('\n');
          aCount++;
        } else {
          hunk.append('+').append(b.get(e[2])).append('\n');
          bCount++;
        }
      }
      out.append("@@ -")
          .append(aCount == 0 ? aStart : aStart + 1)
          .append(',')
          .append(aCount)
          .append(" +")
          .append(bCount == 0 ? bStart : bStart + 1)
          .append(',')
          .append(bCount)
          .append(" @@\n")
          .append(hunk);
      i = end;
    }
    return out.toString();
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** Shortest edit script by longest common subsequence. */
  private static List<int[]> edits(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<int[]> edits = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        edits.add(new int[] {0, i++, j++});
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        edits.add(new int[] {1, i++, j});
      } else {
        edits.add(new int[] {2, i, j++});
      }
    }
    return edits;
  }
}
