package io.greenlight.channel;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/channels")
public class ChannelController {

    private final ChannelRepository channels;
    private final ContentRules rules;

    public ChannelController(ChannelRepository channels, ContentRules rules) {
        this.channels = channels;
        this.rules = rules;
    }

    public record ChannelView(String key, String name, String network, boolean enabled, ChannelLimits limits) {
    }

    @GetMapping
    public List<ChannelView> list() {
        return channels.findAllByOrderByNameAsc().stream()
                .map(c -> new ChannelView(c.getKey(), c.getName(), c.getNetwork(), c.isEnabled(),
                        rules.limitsOf(c).orElse(null)))
                .toList();
    }
}
