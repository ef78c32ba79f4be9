package io.greenlight.channel;

import io.greenlight.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Who may draft for a channel: everyone signed in may read it, managers change it. */
@RestController
@RequestMapping("/api/channels/{key}/draft-groups")
@Tag(name = "Channels")
public class ChannelDraftRightsController {

    private final ChannelDraftRights rights;

    public ChannelDraftRightsController(ChannelDraftRights rights) {
        this.rights = rights;
    }

    public record DraftGroupsCommand(List<String> groups) {
    }

    @GetMapping
    @Operation(summary = "The groups that may draft for this channel (none: every writer may)")
    public ChannelDraftRights.DraftGroups get(@PathVariable String key) {
        return rights.of(key);
    }

    @PutMapping
    @Operation(summary = "Set the groups that may draft for this channel (managers; an empty list opens it to every writer)")
    public ChannelDraftRights.DraftGroups set(@PathVariable String key, @RequestBody DraftGroupsCommand command) {
        return rights.set(CurrentUser.get(), key, command == null ? null : command.groups());
    }
}
