package io.treum.gitops.policy;

/**
 * Escapes text for XML 1.0: markup characters become references, line breaks and tabs in attributes
 * survive as character references (a parser would turn them into spaces), and characters XML 1.0
 * cannot hold at all (most control characters, lone surrogates) become U+FFFD.
 */
final class XmlText {
  private XmlText() {}

  /** Text for an attribute value in double quotes. */
  static String attribute(String text) {
    return escape(text, true);
  }

  /** Text for element content. */
  static String content(String text) {
    return escape(text, false);
  }

  private static String escape(String text, boolean attribute) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\r' -> out.append("&#13;");
        case '\n' -> out.append(attribute ? "&#10;" : "\n");
        case '\t' -> out.append(attribute ? "&#9;" : "\t");
        default -> {
          if (allowed(c)) {
            out.appendCodePoint(c);
          } else {
            out.append('\uFFFD');
          }
        }
      }
    }
    return out.toString();
  }

  private static boolean allowed(int c) {
    return (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
