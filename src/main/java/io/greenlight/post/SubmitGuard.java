package io.greenlight.post;

import java.util.function.Supplier;

/** Marks the thread that is running Greenlight's own submit; {@link PostStartGuard} refuses any other start. */
public final class SubmitGuard {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private SubmitGuard() {
    }

    public static <T> T run(Supplier<T> start) {
        Boolean before = ACTIVE.get();
        ACTIVE.set(Boolean.TRUE);
        try {
            return start.get();
        } finally {
            if (before == null) {
                ACTIVE.remove();
            } else {
                ACTIVE.set(before);
            }
        }
    }

    static boolean isActive() {
        return Boolean.TRUE.equals(ACTIVE.get());
    }
}
