package io.greenlight.calendar;

import io.greenlight.post.Post;
import io.greenlight.post.PostAttachments;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostService;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Recurring posts: every N days or weeks until a date, copied from one approved post (the template). Each occurrence is
 * its own post with its own approval instance (submitted at once, so reviewers can pre-approve the series in one
 * batch). All or nothing: one refused occurrence creates none.
 */
@Service
@Transactional
public class Recurrence {

    public enum Unit { DAYS, WEEKS }

    static final int MAX_OCCURRENCES = 60;

    private final PostService posts;
    private final PostAttachments media;

    public Recurrence(PostService posts, PostAttachments media) {
        this.posts = posts;
        this.media = media;
    }

    public List<Post> repeat(CurrentUser user, String templateId, int every, Unit unit, LocalDate until) {
        Post template = posts.get(templateId);
        template.requireMayChange(user, "repeat");
        if (template.getStatus() != PostStatus.SCHEDULED && template.getStatus() != PostStatus.PUBLISHED) {
            throw UserFacingException.conflict("Only an approved post can be repeated; this one is "
                    + template.getStatus().name().toLowerCase().replace('_', ' ') + ".");
        }
        if (template.getScheduledAt() == null) {
            throw UserFacingException.conflict("The post has no scheduled time to repeat from.");
        }
        if (every < 1 || every > 52) {
            throw UserFacingException.invalid("every: repeat every 1 to 52 " + (unit == null ? "days" : unit.name().toLowerCase()) + ".");
        }
        if (unit == null) {
            throw UserFacingException.invalid("unit: days or weeks.");
        }
        if (until == null) {
            throw UserFacingException.invalid("until: pick the last day of the series.");
        }
        ZoneId zone = ZoneId.of(template.getTimeZone());
        ZonedDateTime first = template.getScheduledAt().atZoneSameInstant(zone);
        List<ZonedDateTime> times = new ArrayList<>();
        for (int k = 1; ; k++) {
            ZonedDateTime t = unit == Unit.DAYS ? first.plusDays((long) k * every) : first.plusWeeks((long) k * every);
            if (t.toLocalDate().isAfter(until)) {
                break;
            }
            if (times.size() == MAX_OCCURRENCES) {
                throw UserFacingException.invalid("until: that makes more than " + MAX_OCCURRENCES + " posts; pick an earlier end.");
            }
            times.add(t);
        }
        if (times.isEmpty()) {
            throw UserFacingException.invalid("until: the first repetition would be after " + until + ".");
        }
        String series = template.getSeriesId() != null ? template.getSeriesId() : UUID.randomUUID().toString();
        template.partOf(series);
        Map<String, List<Long>> files = media.attached(template.getId());
        List<VariantContent> variants = template.getVariants().stream()
                .map(v -> new VariantContent(v.getChannel(), v.getText(), v.getLink())).toList();
        List<Post> created = new ArrayList<>();
        for (ZonedDateTime t : times) {
            Post copy = posts.create(user, new PostCommand(template.getTitle(), template.getCampaign(), t.toOffsetDateTime(),
                    template.getTimeZone(), variants, null, template.getRegion(), template.isPaidPromotion(),
                    template.isPriceHealthClaims(), template.isCrisis()));
            copy.partOf(series);
            if (!files.isEmpty()) {
                media.attach(copy.getId(), files);
            }
            created.add(posts.submit(user, copy.getId()));
        }
        return created;
    }
}
