package io.greenlight.insights;

import io.greenlight.engine.EngineClock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * Greenlight's short links ({@code /r/{code}}) and their clicks. A link is one (post, channel, target URL); it is
 * stored in a transaction of its own <em>before</em> the network is called, so a published post never points at
 * a code that a rolled-back job took with it, and a retry reuses the same code. A click stores only the code and
 * the time: no address, no user agent, no cookie.
 */
@Service
public class ShortLinks {

    static final String ALPHABET = "23456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    static final int CODE_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public ShortLinks(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The code of this link, created (and committed) on first use. */
    public String codeFor(String postId, String channel, String targetUrl) {
        return ownTransaction.execute(tx -> existing(postId, channel, targetUrl).orElseGet(() -> {
            String code = newCode();
            jdbc.update("insert into short_link (code, post_id, channel_key, target_url, created_at) values (?, ?, ?, ?, ?)",
                    code, postId, channel, targetUrl, Timestamp.from(EngineClock.now().toInstant()));
            return code;
        }));
    }

    private Optional<String> existing(String postId, String channel, String targetUrl) {
        List<String> codes = jdbc.queryForList("select code from short_link where post_id = ? and channel_key = ?"
                + " and target_url = ? order by created_at", String.class, postId, channel, targetUrl);
        return codes.stream().findFirst();
    }

    private String newCode() {
        for (int attempt = 0; attempt < 10; attempt++) {
            StringBuilder code = new StringBuilder(CODE_LENGTH);
            for (int i = 0; i < CODE_LENGTH; i++) {
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            Integer taken = jdbc.queryForObject("select count(*) from short_link where code = ?", Integer.class, code.toString());
            if (taken == null || taken == 0) {
                return code.toString();
            }
        }
        throw new IllegalStateException("No free short link code after 10 attempts");
    }

    /** Counts a click and returns where to go; empty for an unknown code. */
    public Optional<String> click(String code) {
        if (code == null || code.length() > 16 || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        List<String> target = jdbc.queryForList("select target_url from short_link where code = ?", String.class, code);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        jdbc.update("insert into link_click (code, clicked_at) values (?, ?)", code,
                Timestamp.from(EngineClock.now().toInstant()));
        return Optional.of(target.get(0));
    }

    public long clicks(String postId, String channel) {
        Long n = jdbc.queryForObject("select count(*) from link_click c join short_link s on s.code = c.code"
                + " where s.post_id = ? and s.channel_key = ?", Long.class, postId, channel);
        return n == null ? 0 : n;
    }
}
