package io.greenlight.post;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;

/** A marketing campaign posts belong to; its type is one of the facts approval-routing.dmn decides on. */
@Entity
@Table(name = "campaign")
public class Campaign {

    /** A campaign seen for the first time; routing may ask for a brand review. */
    public static final String NEW = "new";
    public static final String ONGOING = "ongoing";
    public static final String EVERGREEN = "evergreen";
    public static final List<String> TYPES = List.of(NEW, ONGOING, EVERGREEN);

    @Id
    private String name;

    private String type;

    private OffsetDateTime createdAt;

    // What the campaign is for, when it runs and who owns it
    private String goal;

    private java.time.LocalDate startsOn;

    private java.time.LocalDate endsOn;

    private String owner;

    protected Campaign() {
    }

    public Campaign(String name, String type, OffsetDateTime createdAt) {
        this.name = name;
        this.type = type;
        this.createdAt = createdAt;
    }

    public String getName() { return name; }
    public String getType() { return type; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public String getGoal() { return goal; }
    public java.time.LocalDate getStartsOn() { return startsOn; }
    public java.time.LocalDate getEndsOn() { return endsOn; }
    public String getOwner() { return owner; }

    /** The plan of the campaign (checked by the caller). */
    public void plan(String type, String goal, java.time.LocalDate startsOn, java.time.LocalDate endsOn, String owner) {
        this.type = type;
        this.goal = goal;
        this.startsOn = startsOn;
        this.endsOn = endsOn;
        this.owner = owner;
    }

    void setType(String type) {
        this.type = type;
    }
}
