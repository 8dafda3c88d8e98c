package io.treum.gitops.testing.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Small list and map edits shared by the mutations. */
final class Lists {
  private Lists() {}

  static <T> List<T> without(List<T> list, int index) {
    List<T> copy = new ArrayList<>(list);
    int i = Mutation.pick(index, copy.size());
    if (i >= 0) {
      copy.remove(i);
    }
    return copy;
  }

  static <T> List<T> moved(List<T> list, int from, int to) {
    List<T> copy = new ArrayList<>(list);
    int i = Mutation.pick(from, copy.size());
    if (i >= 0) {
      T element = copy.remove(i);
      copy.add(Math.floorMod(to, copy.size() + 1), element);
    }
    return copy;
  }

  static <T> List<T> with(List<T> list, T element) {
    List<T> copy = new ArrayList<>(list);
    copy.add(element);
    return copy;
  }

  static <T> List<T> updated(List<T> list, int index, UnaryOperator<T> update) {
    List<T> copy = new ArrayList<>(list);
    int i = Mutation.pick(index, copy.size());
    if (i >= 0) {
      copy.set(i, update.apply(copy.get(i)));
    }
    return copy;
  }

  static void removeKey(Map<String, ?> map, int index) {
    int i = Mutation.pick(index, map.size());
    if (i >= 0) {
      map.remove(new ArrayList<>(map.keySet()).get(i));
    }
  }
}
