package io.greenlight.insights;

import io.greenlight.post.Post;
import io.greenlight.post.PostVariant;
import io.greenlight.post.PostRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A default install (greenlight.base-url = http://localhost:8080) publishes no link that points at localhost: links go
 * out as written, the local feed's entry URL is relative, and the channels page says why.
 */
@SpringBootTest(properties = "greenlight.base-url=http://localhost:8080")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class LocalhostLinksTest extends InsightsTestSupport {

    @Autowired MockMvc mvc;
    @Autowired PostRepository posts;

    @Test
    void aDefaultInstallPublishesNoLocalhostLink() throws Exception {
        Post post = publishedAt(Instant.parse("2021-03-02T10:00:00Z"), "Links as written", null,
                "Read more: https://example.com/sale?x=1", true);

        assertThat(feedText(post)).isEqualTo("Read more: https://example.com/sale?x=1");
        PostVariant variant = posts.findById(post.getId()).orElseThrow().variant("local").orElseThrow();
        assertThat(variant.getExternalUrl()).startsWith("/feed#entry-").doesNotContain("localhost");

        mvc.perform(get("/channels").with(httpBasic("manager", "manager")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"public-address-warning\"")));
    }
}
