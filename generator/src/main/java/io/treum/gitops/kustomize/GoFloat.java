package io.treum.gitops.kustomize;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A float64 as Go writes it. Kustomize's numbers pass through Go's {@code strconv}: go-yaml v2 and
 * v3 write a float with {@code strconv.FormatFloat(f, 'g', -1, 64)} ({@code 1e-06}, {@code
 * 1.5e+300}, {@code 0.1}, {@code 1.23456789125e+08}), {@code encoding/json} writes a whole one
 * below 10²¹ as the digits of the same shortest decimal padded with zeros.
 *
 * <p>Java 17's {@link Double#toString} is not always that shortest decimal ({@code 1e23} is {@code
 * "9.999999999999999E22"}, {@code 2.82879384806159E17} has 18 digits; JDK-4511638, fixed in Java
 * 19), so {@link #shortest} finds it exactly, as Go's {@code roundShortest} does.
 */
final class GoFloat {
  private static final BigDecimal HALF = new BigDecimal("0.5");

  /** More significant digits than any float64 needs to read back as itself. */
  private static final int MAX_DIGITS = 17;

  private GoFloat() {}

  /**
   * The decimal with the fewest significant digits that reads back as {@code value} (round half to
   * even); of two such, the one nearer to {@code value}; trailing zeros stripped.
   *
   * @throws IllegalArgumentException for NaN and the infinities
   */
  static BigDecimal shortest(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("no decimal for " + value);
    }
    if (value == 0) {
      return BigDecimal.ZERO;
    }
    double magnitude = Math.abs(value);
    BigDecimal exact = new BigDecimal(magnitude);
    // halfway to the neighbours (both differences are exact doubles)
    BigDecimal upper = exact.add(new BigDecimal(Math.ulp(magnitude)).multiply(HALF));
    BigDecimal lower =
        exact.subtract(new BigDecimal(magnitude - Math.nextDown(magnitude)).multiply(HALF));
    // a halfway point reads back as the neighbour with the even significand
    boolean inclusive = (Double.doubleToRawLongBits(magnitude) & 1) == 0;
    BigDecimal result = exact;
    for (int digits = 1; digits <= MAX_DIGITS; digits++) {
      BigDecimal down = exact.round(new MathContext(digits, RoundingMode.DOWN));
      BigDecimal up = exact.round(new MathContext(digits, RoundingMode.UP));
      int belowLower = down.compareTo(lower);
      int aboveUpper = up.compareTo(upper);
      boolean downReads = belowLower > 0 || inclusive && belowLower == 0;
      boolean upReads = aboveUpper < 0 || inclusive && aboveUpper == 0;
      if (downReads && upReads) {
        result = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        break;
      }
      if (downReads || upReads) {
        result = downReads ? down : up;
        break;
      }
    }
    result = result.stripTrailingZeros();
    return value < 0 ? result.negate() : result;
  }

  /**
   * {@code strconv.FormatFloat(value, 'g', -1, 64)}: the shortest digits, with an exponent of at
   * least two digits when it is below -4 or at least 6 ({@code 1e+06}, {@code 2e-07}), else without
   * ({@code 100000}, {@code 0.0001}); {@code NaN}, {@code +Inf}, {@code -Inf}.
   */
  static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    StringBuilder text = new StringBuilder();
    if (value < 0 || 1 / value < 0) {
      text.append('-');
    }
    BigDecimal decimal = shortest(value).abs();
    if (decimal.signum() == 0) {
      return text.append('0').toString();
    }
    String digits = decimal.unscaledValue().toString();
    int count = digits.length();
    int point = count - decimal.scale();
    int exponent = point - 1;
    if (exponent < -4 || exponent >= 6) {
      text.append(digits.charAt(0));
      if (count > 1) {
        text.append('.').append(digits, 1, count);
      }
      text.append('e').append(exponent < 0 ? '-' : '+');
      int magnitude = Math.abs(exponent);
      if (magnitude < 10) {
        text.append('0');
      }
      return text.append(magnitude).toString();
    }
    if (point <= 0) {
      return text.append("0.").append("0".repeat(-point)).append(digits).toString();
    }
    if (point >= count) {
      return text.append(digits).append("0".repeat(point - count)).toString();
    }
    return text.append(digits, 0, point).append('.').append(digits, point, count).toString();
  }

  /**
   * A float as go-yaml's encoders write it: {@link #format}, with YAML's {@code .inf}, {@code
   * .nan}.
   */
  static String yaml(double value) {
    if (Double.isNaN(value)) {
      return ".nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? ".inf" : "-.inf";
    }
    return format(value);
  }
}
