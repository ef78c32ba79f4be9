package io.greenlight.conversation;

import java.time.Instant;

/**
 * An AT Protocol record key (TID: 53 bits of microseconds and a 10-bit clock id in 13 characters of base32-sortable)
 * derived from when the reply was written and its key, so every attempt to send it uses the same record key.
 */
final class ReplyTid {

    private static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";

    private ReplyTid() {
    }

    static String of(Instant time, String seed) {
        long micros = Math.multiplyExact(time.getEpochSecond(), 1_000_000L) + time.getNano() / 1_000;
        long value = ((micros & 0x1F_FFFF_FFFF_FFFFL) << 10) | Math.floorMod(seed.hashCode(), 1024);
        char[] out = new char[13];
        for (int i = 12; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value & 31));
            value >>>= 5;
        }
        return new String(out);
    }
}
