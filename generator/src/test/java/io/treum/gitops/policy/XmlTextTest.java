package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class XmlTextTest {

  static Stream<Arguments> texts() {
    return Stream.of(
        Arguments.of("plain", "plain", "plain"),
        Arguments.of("a & b < c > d", "a &amp; b &lt; c &gt; d", "a &amp; b &lt; c &gt; d"),
        Arguments.of("say \"hi\" 'x'", "say &quot;hi&quot; 'x'", "say \"hi\" 'x'"),
        Arguments.of("l1\nl2\tt\r", "l1&#10;l2&#9;t&#13;", "l1\nl2\tt&#13;"),
        Arguments.of("bell\u0007 nul\u0000", "bell\uFFFD nul\uFFFD", "bell\uFFFD nul\uFFFD"),
        Arguments.of("lone \uD800 high", "lone \uFFFD high", "lone \uFFFD high"),
        Arguments.of("\uFFFE\uFFFF", "\uFFFD\uFFFD", "\uFFFD\uFFFD"),
        Arguments.of("rocket \uD83D\uDE80 ü", "rocket \uD83D\uDE80 ü", "rocket \uD83D\uDE80 ü"),
        Arguments.of("]]>", "]]&gt;", "]]&gt;"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("texts")
  void escapes(String text, String attribute, String content) {
    assertThat(XmlText.attribute(text)).isEqualTo(attribute);
    assertThat(XmlText.content(text)).isEqualTo(content);
  }
}
