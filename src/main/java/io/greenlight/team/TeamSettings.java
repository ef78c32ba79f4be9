package io.greenlight.team;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A team is a Camunda group. Its time zone, working hours and holidays stretch SLA clocks (when
 * {@code workingHours} is on); its chat webhook receives the events listed in {@code chatEvents}.
 */
@Entity
@Table(name = "team_settings")
public class TeamSettings {

    @Id
    @Column(name = "group_id")
    private String groupId;

    @Column(name = "time_zone")
    private String timeZone;

    @Column(name = "working_hours")
    private boolean workingHours;

    @Column(name = "work_start")
    private String workStart = "09:00";

    @Column(name = "work_end")
    private String workEnd = "17:00";

    @Column(name = "work_days")
    private String workDays = "MON,TUE,WED,THU,FRI";

    /** Comma-separated ISO dates (2026-12-25,2026-12-26). */
    private String holidays;

    @Column(name = "chat_webhook_enc")
    private String chatWebhookEnc;

    /** Comma-separated event keys posted to the chat webhook; empty = none. */
    @Column(name = "chat_events")
    private String chatEvents;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected TeamSettings() {
    }

    public TeamSettings(String groupId, String timeZone, OffsetDateTime now) {
        this.groupId = groupId;
        this.timeZone = timeZone;
        this.updatedAt = now;
    }

    public void workingHours(boolean on, String start, String end, String days, String holidays, OffsetDateTime now) {
        this.workingHours = on;
        this.workStart = start;
        this.workEnd = end;
        this.workDays = days;
        this.holidays = holidays;
        this.updatedAt = now;
    }

    public void timeZone(String zone, OffsetDateTime now) {
        this.timeZone = zone;
        this.updatedAt = now;
    }

    public void chat(String webhookEnc, String events, OffsetDateTime now) {
        this.chatWebhookEnc = webhookEnc;
        this.chatEvents = events;
        this.updatedAt = now;
    }

    public String getGroupId() { return groupId; }
    public String getTimeZone() { return timeZone; }
    public boolean isWorkingHours() { return workingHours; }
    public String getWorkStart() { return workStart; }
    public String getWorkEnd() { return workEnd; }
    public String getWorkDays() { return workDays; }
    public String getHolidays() { return holidays; }
    public String getChatWebhookEnc() { return chatWebhookEnc; }
    public String getChatEvents() { return chatEvents; }
    public boolean hasChat() { return chatWebhookEnc != null && !chatWebhookEnc.isBlank(); }
}
