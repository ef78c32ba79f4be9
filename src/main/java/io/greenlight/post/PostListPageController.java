package io.greenlight.post;

import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import org.springframework.data.domain.Slice;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Arrays;

/**
 * My posts (or everyone's), by status, a page at a time: "Newer" and "Older" links, no page count, so a view reads
 * the page it shows and not every post of the author (docs/performance.md).
 */
@PageController
@RequestMapping("/posts")
public class PostListPageController {

    static final int PAGE_SIZE = 20;

    private final PostService posts;
    private final PostViews views;

    public PostListPageController(PostService posts, PostViews views) {
        this.posts = posts;
        this.views = views;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public String list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "mine") String scope,
                       @RequestParam(defaultValue = "0") int page, Model model) {
        CurrentUser user = CurrentUser.get();
        PostStatus filter = Arrays.stream(PostStatus.values())
                .filter(s -> status != null && s.name().equalsIgnoreCase(status.strip())).findFirst().orElse(null);
        boolean all = "all".equals(scope);
        Slice<Post> result = posts.slice(filter, all ? null : user.id(), page, PAGE_SIZE);
        model.addAttribute("posts", views.summaries(result.getContent()));
        model.addAttribute("page", result);
        model.addAttribute("statuses", PostStatus.values());
        model.addAttribute("status", filter);
        model.addAttribute("scope", all ? "all" : "mine");
        return "posts/list";
    }
}
