package io.greenlight.team;

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
    private String groupId;

    private String timeZone;

    private boolean workingHours;

    private String workStart = "09:00";

    private String workEnd = "17:00";

    private String workDays = "MON,TUE,WED,THU,FRI";

    /** Comma-separated ISO dates (2026-12-25,2026-12-26). */
    private String holidays;

    private String chatWebhookEnc;

    /** Comma-separated event keys posted to the chat webhook; empty = none. */
    private String chatEvents;

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
