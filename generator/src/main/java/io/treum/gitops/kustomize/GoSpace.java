package io.treum.gitops.kustomize;

/** White space as Go's {@code unicode.IsSpace} sees it, and the trims Kustomize makes with it. */
final class GoSpace {
  private GoSpace() {}

  /** Go's {@code unicode.IsSpace}: Latin-1 spaces, NEL, NBSP and Unicode White_Space. */
  static boolean isSpace(char c) {
    return switch (c) {
      case '\t',
          '\n',
          '\u000B',
          '\f',
          '\r',
          ' ',
          '\u0085',
          '\u00A0',
          '\u1680',
          '\u2028',
          '\u2029',
          '\u202F',
          '\u205F',
          '\u3000' ->
          true;
      default -> c >= '\u2000' && c <= '\u200A';
    };
  }

  /** Go's {@code strings.TrimSpace}. */
  static String trim(String text) {
    int end = text.length();
    while (end > 0 && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return trimLeft(text.substring(0, end));
  }

  /** Go's {@code bytes.TrimLeftFunc(text, unicode.IsSpace)}. */
  static String trimLeft(String text) {
    int start = 0;
    while (start < text.length() && isSpace(text.charAt(start))) {
      start++;
    }
    return text.substring(start);
  }
}
