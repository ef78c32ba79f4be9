package io.greenlight.publishing;

import java.util.function.Consumer;

/**
 * What a connector remembers between the attempts of one publication (post, channel, content version), for networks
 * that publish in steps: Instagram and Threads first create media containers, wait for the network to process them,
 * then publish one. Stored with the publish intent ({@code publish_intent.network_state}) the moment it is saved, in a
 * transaction of its own, so a retry, even after a crash or a restart, reuses what the earlier attempt created instead
 * of creating it again.
 */
public interface PublishProgress {

    /** What an earlier attempt saved (the latest value), or null. */
    String saved();

    /** Replaces the saved value (null clears it); committed before this returns. */
    void save(String state);

    /** A progress kept in memory only, for one request object (tests, connectors that are asked directly). */
    static PublishProgress inMemory() {
        return of(null, s -> { });
    }

    /** A progress that starts from {@code saved} and hands every new value to {@code store}. */
    static PublishProgress of(String saved, Consumer<String> store) {
        return new PublishProgress() {
            private String current = saved;

            @Override
            public String saved() {
                return current;
            }

            @Override
            public void save(String state) {
                store.accept(state);
                current = state;
            }
        };
    }
}
