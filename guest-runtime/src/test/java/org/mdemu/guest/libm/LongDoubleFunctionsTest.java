package org.mdemu.guest.libm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongDoubleFunctionsTest {
    @Test
    void floorSqrtIsTheIntegerSquareRootAtEverySize() {
        SplittableRandom random = new SplittableRandom(3);
        for (int bits = 1; bits <= 600; bits++) {
            for (int i = 0; i < 20; i++) {
                BigInteger n = new BigInteger(bits, new java.util.Random(random.nextLong())).add(BigInteger.ONE);
                assertThat(LongDoubleFunctions.floorSqrt(n)).as("floor sqrt of %s", n).isEqualTo(n.sqrt());
                BigInteger square = n.multiply(n);
                assertThat(LongDoubleFunctions.floorSqrt(square)).isEqualTo(n);
                assertThat(LongDoubleFunctions.floorSqrt(square.subtract(BigInteger.ONE))).isEqualTo(n.subtract(BigInteger.ONE));
            }
        }
    }
}
