package io.treum.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every expected output below is what GNU {@code diff -u --label old --label new} prints. */
class UnifiedDiffTest {

  record Row(String name, String oldText, String newText, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static String numbers(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> i + "\n").collect(Collectors.joining());
  }

  static List<Row> rows() {
    return List.of(
        new Row("equal", "a\nb\n", "a\nb\n", ""),
        new Row(
            "one line changed: removal first",
            "a\nb\nc\n",
            "a\nB\nc\n",
            "--- old\n+++ new\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"),
        new Row("added to an empty file", "", "a\n", "--- old\n+++ new\n@@ -0,0 +1 @@\n+a\n"),
        new Row("emptied", "a\n", "", "--- old\n+++ new\n@@ -1 +0,0 @@\n-a\n"),
        new Row(
            "only the final newline differs",
            "a\n",
            "a",
            "--- old\n+++ new\n@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n"),
        new Row(
            "all lines replaced",
            "a\nb\n",
            "c\nd\n",
            "--- old\n+++ new\n@@ -1,2 +1,2 @@\n-a\n-b\n+c\n+d\n"),
        new Row(
            "line endings differ",
            "x\r\ny\r\n",
            "x\ny\n",
            "--- old\n+++ new\n@@ -1,2 +1,2 @@\n-x\r\n-y\r\n+x\n+y\n"),
        new Row(
            "first line removed, last added",
            "a\nb\nc\nd\n",
            "b\nc\nd\ne\n",
            "--- old\n+++ new\n@@ -1,4 +1,4 @@\n-a\n b\n c\n d\n+e\n"),
        new Row(
            "changes far apart make two hunks",
            numbers(1, 16),
            numbers(1, 16).replace("\n3\n", "\nX\n").replace("\n13\n", "\nY\n"),
            "--- old\n+++ new\n@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+X\n 4\n 5\n 6\n"
                + "@@ -10,7 +10,7 @@\n 10\n 11\n 12\n-13\n+Y\n 14\n 15\n 16\n"),
        new Row(
            "changes close together share a hunk",
            numbers(1, 8),
            numbers(1, 8).replace("\n3\n", "\nX\n").replace("\n8\n", "\nY\n"),
            "--- old\n+++ new\n@@ -1,8 +1,8 @@\n 1\n 2\n-3\n+X\n 4\n 5\n 6\n 7\n-8\n+Y\n"),
        new Row(
            "insertion in the middle",
            numbers(1, 10),
            numbers(1, 10).replace("\n5\n", "\n5\nnew\n"),
            "--- old\n+++ new\n@@ -3,6 +3,7 @@\n 3\n 4\n 5\n+new\n 6\n 7\n 8\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void printsWhatDiffPrints(Row row) {
    assertThat(UnifiedDiff.of("old", row.oldText(), "new", row.newText()))
        .isEqualTo(row.expected());
  }

  /** A committed file of a large CRD with one line changed: no n×m table, no waiting. */
  @Test
  void aSmallChangeToALargeFileIsCheap() {
    String big = numbers(1, 200_000);
    String changed = big.replace("\n100000\n", "\nchanged\n");
    String diff =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> UnifiedDiff.of("old", big, "new", changed));
    assertThat(diff)
        .isEqualTo(
            "--- old\n+++ new\n@@ -99997,7 +99997,7 @@\n 99997\n 99998\n 99999\n-100000\n"
                + "+changed\n 100001\n 100002\n 100003\n");
  }

  /** Two large unrelated files: shown as removed and added whole rather than exhausting memory. */
  @Test
  void twoLargeUnrelatedFilesGiveAWholeReplacement() {
    String a = numbers(1, 5_000);
    String b = numbers(1, 5_000).replace("\n", "x\n");
    String diff =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> UnifiedDiff.of("old", a, "new", b));
    assertThat(diff).startsWith("--- old\n+++ new\n@@ -1,5000 +1,5000 @@\n-1\n-2\n");
    assertThat(diff.lines().filter(l -> l.startsWith("-")).count()).isEqualTo(5_001);
    assertThat(diff.lines().filter(l -> l.startsWith("+")).count()).isEqualTo(5_001);
  }
}
