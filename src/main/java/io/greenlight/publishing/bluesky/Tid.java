package io.greenlight.publishing.bluesky;

import java.time.Instant;

/**
 * AT Protocol timestamp identifiers (TIDs): 64 bits — a zero bit, 53 bits of microseconds since the epoch and a
 * 10-bit clock id — written as 13 characters of base32-sortable. Greenlight derives a post's record key from the
 * intent's first-attempt time and its idempotency key, so every retry uses the same key.
 */
public final class Tid {

    private static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";

    private Tid() {
    }

    public static String of(Instant time, String seed) {
        long micros = Math.multiplyExact(time.getEpochSecond(), 1_000_000L) + time.getNano() / 1_000;
        long clockId = Math.floorMod(seed.hashCode(), 1024);
        long value = ((micros & 0x1F_FFFF_FFFF_FFFFL) << 10) | clockId;
        char[] out = new char[13];
        for (int i = 12; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value & 31));
            value >>>= 5;
        }
        return new String(out);
    }
}
