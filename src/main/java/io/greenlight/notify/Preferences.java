package io.greenlight.notify;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Per user, event and channel (in-app, e-mail): on or off; the event's default until the user chooses. */
@Service
@Transactional
public class Preferences {

    static final Set<DeliveryChannel> PERSONAL = EnumSet.of(DeliveryChannel.IN_APP, DeliveryChannel.EMAIL);

    private final PreferenceRepository repository;

    public Preferences(PreferenceRepository repository) {
        this.repository = repository;
    }

    @Transactional(readOnly = true)
    public boolean wants(String userId, NotificationEvent event, DeliveryChannel channel) {
        return repository.findById(new Preference.Key(userId, event.key(), channel.key()))
                .map(Preference::isEnabled).orElse(event.byDefault(channel));
    }

    /** Every choosable event with the user's current choice per personal channel. */
    @Transactional(readOnly = true)
    public Map<NotificationEvent, Map<DeliveryChannel, Boolean>> of(String userId) {
        Map<String, Boolean> stored = new LinkedHashMap<>();
        repository.findByUserId(userId).forEach(p -> stored.put(p.getEvent() + "/" + p.getChannel(), p.isEnabled()));
        Map<NotificationEvent, Map<DeliveryChannel, Boolean>> matrix = new LinkedHashMap<>();
        for (NotificationEvent event : NotificationEvent.choosable()) {
            Map<DeliveryChannel, Boolean> row = new EnumMap<>(DeliveryChannel.class);
            for (DeliveryChannel channel : PERSONAL) {
                row.put(channel, stored.getOrDefault(event.key() + "/" + channel.key(), event.byDefault(channel)));
            }
            matrix.put(event, row);
        }
        return matrix;
    }

    /** Stores the whole matrix: {@code enabled} holds "event/channel" keys that are on; everything else is off. */
    /** Refuses settings the form cannot have sent ("event/channel" keys that do not exist), before anything is saved. */
    public void requireKnown(Set<String> enabled) {
        Set<String> known = new java.util.HashSet<>();
        for (NotificationEvent event : NotificationEvent.choosable()) {
            for (DeliveryChannel channel : PERSONAL) {
                known.add(event.key() + "/" + channel.key());
            }
        }
        for (String key : enabled) {
            if (!known.contains(key)) {
                throw io.greenlight.engine.UserFacingException.invalid("'" + (key.length() > 60 ? key.substring(0, 60) + "…" : key)
                        + "' is not a notification setting. Reload the settings page and choose again.");
            }
        }
    }

    public void save(String userId, Set<String> enabled) {
        for (NotificationEvent event : NotificationEvent.choosable()) {
            for (DeliveryChannel channel : PERSONAL) {
                set(userId, event, channel, enabled.contains(event.key() + "/" + channel.key()));
            }
        }
    }

    public void set(String userId, NotificationEvent event, DeliveryChannel channel, boolean on) {
        Preference.Key key = new Preference.Key(userId, event.key(), channel.key());
        repository.findById(key).ifPresentOrElse(p -> p.enabled(on),
                () -> repository.save(new Preference(userId, event.key(), channel.key(), on)));
    }
}
