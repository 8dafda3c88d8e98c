package io.treum.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImageNameIndexTest {
  private static final List<String> NAMES =
      List.of(
          "nginx",
          "app",
          "ngin.",
          "reg.io/x",
          "localhost:5000/svc",
          "nginx",
          "docker.io/library/nginx",
          "app.");

  /** An image and the positions in {@link #NAMES} the index offers for it. */
  record Row(String image, List<Integer> candidates) {
    @Override
    public String toString() {
      return image;
    }
  }

  static List<Row> rows() {
    return List.of(
        new Row("nginx", List.of(0, 2, 5)),
        new Row("nginx:1.25", List.of(0, 2, 5)),
        new Row("nginx@sha256:abc", List.of(0, 2, 5)),
        new Row("nginx:1.25@sha256:abc", List.of(0, 2, 5)),
        new Row("nginy:1", List.of(2)),
        new Row("nginxfoo:1", List.of()),
        new Row("app", List.of(1)),
        new Row("app:1", List.of(1)),
        new Row("appx:1", List.of(7)),
        new Row("regxio/x:1", List.of(3)),
        new Row("reg.io/x", List.of(3)),
        new Row("reg.io/y", List.of()),
        new Row("localhost:5000/svc:1", List.of(4)),
        new Row("localhost:5000/svc", List.of(4)),
        new Row("localhost:5000/svcs", List.of()),
        new Row("docker.io/library/nginx:1", List.of(6)),
        new Row("", List.of()),
        new Row(":", List.of()));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void offersTheNamesThatCanMatch(Row row) {
    assertThat(new ImageNameIndex(NAMES).candidates(row.image())).isEqualTo(row.candidates());
  }

  /** The index may offer names that do not match, but never leaves out one that does. */
  @Test
  void neverLeavesOutAMatchingName() {
    Random random = new Random(3);
    String alphabet = "ab.:@/1";
    for (int round = 0; round < 2_000; round++) {
      List<String> names = new ArrayList<>();
      for (int i = random.nextInt(6) + 1; i > 0; i--) {
        names.add(word(random, "ab./:", 1 + random.nextInt(4)));
      }
      ImageNameIndex index = new ImageNameIndex(names);
      String image = word(random, alphabet, random.nextInt(9));
      for (int i = 0; i < names.size(); i++) {
        boolean matches =
            Pattern.compile(
                    "^" + names.get(i) + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$")
                .matcher(image)
                .matches();
        if (matches) {
          assertThat(index.candidates(image)).as(names + " on " + image).contains(i);
        }
      }
    }
  }

  private static String word(Random random, String alphabet, int length) {
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < length; i++) {
      word.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return word.toString();
  }
}
