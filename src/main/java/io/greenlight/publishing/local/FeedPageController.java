package io.greenlight.publishing.local;

import io.greenlight.web.PageController;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public page of the offline `local` channel: what has been published, newest first. No sign-in needed. */
@PageController
class FeedPageController {

    static final int LIMIT = 100;

    private final FeedEntryRepository feed;

    public FeedPageController(FeedEntryRepository feed) {
        this.feed = feed;
    }

    @GetMapping("/feed")
    @Transactional(readOnly = true)
    public String feed(Model model) {
        model.addAttribute("entries", feed.findAllByOrderByPublishedAtDesc(PageRequest.of(0, LIMIT)));
        return "feed";
    }
}
