package io.greenlight.scale;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The PostgreSQL the cluster test and the benchmark use: 127.0.0.1:5432, user {@code postgres}, no password, unless
 * {@code -Dgreenlight.pg.host/port/user/password} (or {@code PGUSER}/{@code PGPASSWORD}) say otherwise. Each run gets a fresh database of its own.
 */
public final class Postgres {

    public static final String HOST = System.getProperty("greenlight.pg.host", "127.0.0.1");
    public static final String PORT = System.getProperty("greenlight.pg.port", "5432");
    public static final String USER = System.getProperty("greenlight.pg.user", env("PGUSER", "postgres"));
    public static final String PASSWORD = System.getProperty("greenlight.pg.password", env("PGPASSWORD", ""));

    private Postgres() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), USER, PASSWORD);
    }

    /** Drops and creates {@code database}; fails with a clear message when PostgreSQL does not answer. */
    public static void recreate(String database) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL does not answer on " + HOST + ":" + PORT + " as " + USER
                    + " (see README, 'PostgreSQL'): " + e.getMessage(), e);
        }
    }

    /** The arguments that point a node at {@code database} with the postgres profile. */
    public static List<String> nodeArgs(String database, String profiles) {
        return List.of("--spring.profiles.active=" + profiles,
                "--spring.datasource.url=" + url(database),
                "--spring.datasource.username=" + USER,
                "--spring.datasource.password=" + PASSWORD);
    }
}
