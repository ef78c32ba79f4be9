package io.greenlight.insights;

import io.greenlight.engine.EngineClock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;

/** The per-post opt-out of Greenlight's click counting: the post's links are published as written. */
@Service
public class LinkTracking {

    private final JdbcTemplate jdbc;

    public LinkTracking(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isOptedOut(String postId) {
        Integer n = jdbc.queryForObject("select count(*) from link_tracking_opt_out where post_id = ?", Integer.class, postId);
        return n != null && n > 0;
    }

    @Transactional
    public void set(String postId, boolean track, String by) {
        jdbc.update("delete from link_tracking_opt_out where post_id = ?", postId);
        if (!track) {
            jdbc.update("insert into link_tracking_opt_out (post_id, opted_out_by, opted_out_at) values (?, ?, ?)",
                    postId, by, Timestamp.from(EngineClock.now().toInstant()));
        }
    }
}
