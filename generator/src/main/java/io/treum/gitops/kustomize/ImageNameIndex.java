package io.treum.gitops.kustomize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code images} entries that may match an image, found without trying every entry's expression
 * on it.
 *
 * <p>Kustomize matches an image against {@code ^<name>(:<tag>)?(@sha256:<digest>)?$}, and treum
 * accepts only names whose one special character is {@code .}, which matches any one character. So
 * a name can only match the part of an image that ends where the image ends or at one of its {@code
 * :} or {@code @} (where a tag or digest begins), and only a part of the name's length with the
 * name's character at every place where the name has no dot. The names are grouped by where their
 * dots are; a lookup puts dots at those places of each such part and finds the names in a map. The
 * entries it returns still need the full match: the index only leaves out entries that cannot
 * match.
 */
final class ImageNameIndex {
  /** Entry positions by name, grouped by the places of the names' dots. */
  private final Map<List<Integer>, Map<String, List<Integer>>> byDots = new LinkedHashMap<>();

  /** Indexes names by their position in {@code names}. */
  ImageNameIndex(List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      List<Integer> dots = new ArrayList<>();
      for (int at = name.indexOf('.'); at >= 0; at = name.indexOf('.', at + 1)) {
        dots.add(at);
      }
      byDots
          .computeIfAbsent(List.copyOf(dots), d -> new HashMap<>())
          .computeIfAbsent(name, n -> new ArrayList<>())
          .add(i);
    }
  }

  /** The positions of the names that may match {@code image}, in ascending order. */
  List<Integer> candidates(String image) {
    List<Integer> found = new ArrayList<>();
    for (int end = 0; end <= image.length(); end++) {
      if (end == image.length() || image.charAt(end) == ':' || image.charAt(end) == '@') {
        addNamesMatching(image.substring(0, end), found);
      }
    }
    // a name has one length and one group, so no position is found twice
    found.sort(null);
    return found;
  }

  private void addNamesMatching(String repository, List<Integer> found) {
    for (Map.Entry<List<Integer>, Map<String, List<Integer>>> group : byDots.entrySet()) {
      List<Integer> dots = group.getKey();
      if (!dots.isEmpty() && dots.get(dots.size() - 1) >= repository.length()) {
        continue;
      }
      char[] masked = repository.toCharArray();
      for (int dot : dots) {
        masked[dot] = '.';
      }
      found.addAll(group.getValue().getOrDefault(new String(masked), List.of()));
    }
  }
}
