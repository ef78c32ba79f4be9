package io.greenlight.notify;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/** A user's choice for one event on one channel. */
@Entity
@Table(name = "notification_preference")
@IdClass(Preference.Key.class)
public class Preference {

    @Id
    private String userId;

    @Id
    private String event;

    @Id
    private String channel;

    private boolean enabled;

    protected Preference() {
    }

    Preference(String userId, String event, String channel, boolean enabled) {
        this.userId = userId;
        this.event = event;
        this.channel = channel;
        this.enabled = enabled;
    }

    void enabled(boolean on) {
        this.enabled = on;
    }

    public String getUserId() { return userId; }
    public String getEvent() { return event; }
    public String getChannel() { return channel; }
    public boolean isEnabled() { return enabled; }

    public record Key(String userId, String event, String channel) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }
}
