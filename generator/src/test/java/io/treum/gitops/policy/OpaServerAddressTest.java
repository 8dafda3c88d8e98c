package io.treum.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading {@code treum.opa.url}: the endpoint requests go to, and what messages may show. */
class OpaServerAddressTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          http://127.0.0.1:8181                 | http://127.0.0.1:8181            | http://127.0.0.1:8181
          http://localhost:8181/                | http://localhost:8181            | http://localhost:8181
          HTTPS://opa.example.com/opa//         | https://opa.example.com/opa      | https://opa.example.com/opa
          http://[::1]:8181                     | http://[::1]:8181                | http://[::1]:8181
          `  http://opa:8181  `                 | http://opa:8181                  | http://opa:8181
          http://alice:s3cret@opa:8181/         | http://opa:8181                  | http://***@opa:8181
          https://t0ken@opa.example.com/p       | https://opa.example.com/p        | https://***@opa.example.com/p
          """)
  void theEndpointHasNoCredentialsAndTheDisplayHidesThem(
      String url, String endpoint, String display) {
    OpaServerAddress address = OpaServerAddress.parse(url);

    assertThat(address.endpoint()).isEqualTo(URI.create(endpoint));
    assertThat(address).hasToString(display);
  }

  @Test
  void credentialsBecomeBasicAuthentication() {
    assertThat(OpaServerAddress.parse("http://alice:s%20cret@opa:8181").authorization())
        .contains(basic("alice:s cret"));
    assertThat(OpaServerAddress.parse("http://t0ken@opa:8181").authorization())
        .contains(basic("t0ken:"));
    assertThat(OpaServerAddress.parse("http://opa:8181").authorization()).isEmpty();
    assertThat(OpaServerAddress.parse("http://alice:x@opa:8181").hasCredentials()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          ftp://alice:s3cret@opa:8181          | ftp://***@opa:8181 cannot be used: it is not an http:// or https:// URL
          alice:s3cret@opa:8181                | ***@opa:8181 cannot be used: it is not an http:// or https:// URL
          http:///v1                           | http:///v1 cannot be used: it names no host
          http://alice:s3cret@opa_1:8181       | http://***@opa_1:8181 cannot be used: it names no host
          http://alice:s3cret@opa:8181/?x=1    | http://***@opa:8181/?x=1 cannot be used: OPA's API is found below it
          http://opa:8181#top                  | http://opa:8181#top cannot be used: OPA's API is found below it
          http://alice:s3 cret@opa:8181        | http://***@opa:8181 cannot be used: it is not a valid URL
          http://alice:s3/cret@opa:8181        | http://***@opa:8181 cannot be used: it names no host
          /v1/data                             | /v1/data cannot be used: it is not an http:// or https:// URL
          """)
  void anUnusableUrlIsRefusedWithoutItsCredentials(String url, String message) {
    assertThatThrownBy(() -> OpaServerAddress.parse(url))
        .isInstanceOf(PolicyInputException.class)
        .hasMessageStartingWith("treum.opa.url = " + message)
        .hasMessageContaining("such as http://127.0.0.1:8181")
        .hasMessageNotContaining("s3")
        .hasNoCause();
  }

  @Test
  void equalUrlsAreEqualAddresses() {
    assertThat(OpaServerAddress.parse("http://opa:8181/"))
        .isEqualTo(OpaServerAddress.of(URI.create("http://opa:8181")))
        .hasSameHashCodeAs(OpaServerAddress.of(URI.create("http://opa:8181")))
        .isNotEqualTo(OpaServerAddress.parse("http://a:b@opa:8181"));
  }

  private static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
