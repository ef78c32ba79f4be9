package io.greenlight.scale.bench;

import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a phase's time goes: CPU of this JVM (application, stub network and bench clients), CPU of the PostgreSQL
 * server processes, CPU of everything else on the machine, and the database's own counters (commits, rows
 * written, rows read) — all as differences between two snapshots, divided by the phase's operations. This is the
 * evidence behind a bottleneck: on 2 cores, 2,000 CPU-ms per second is all there is.
 */
final class CostMeter {

    /** One reading of the counters. */
    record Snapshot(long nanos, long jvmCpuNanos, long pgCpuTicks, long machineBusyTicks, long commits,
                    long rowsWritten, long rowsRead, Map<String, Long> writtenByTable, Map<String, long[]> readByTable) {
    }

    /** The cost of one operation of a phase (averaged over {@code operations}). */
    record Cost(String phase, long operations, double jvmCpuMs, double pgCpuMs, double otherCpuMs, double commits,
                double rowsWritten, double rowsRead, double wallSeconds, Map<String, Double> topTablesWritten,
                Map<String, TableReads> topTablesRead) {
    }

    /**
     * Rows one operation read from a table ({@code seq_tup_read + idx_tup_fetch} of {@code pg_stat_user_tables}) and
     * the sequential scans it started there: a table whose rows read grow with the data is the query to look at.
     */
    record TableReads(double rows, double seqScans) {
    }

    /**
     * PostgreSQL backends publish their table and commit counters when they feel like it (at most once a second
     * while busy, some time after going idle), but always when they exit. So before reading the counters the pool's
     * connections are closed (Hikari opens new ones on demand), and the CPU of the closing backends is read before.
     */
    private static final long STATS_SETTLE_MS = 1_500;

    private static final double TICK_MS = 10.0; // USER_HZ = 100 on Linux

    private final JdbcTemplate jdbc;
    private final String database;
    private final com.zaxxer.hikari.HikariDataSource pool;

    CostMeter(JdbcTemplate jdbc, String database, javax.sql.DataSource dataSource) throws java.sql.SQLException {
        this.jdbc = jdbc;
        this.database = database;
        this.pool = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class);
    }

    /** Closes the pool's connections (idle ones now, busy ones when returned), so their backends publish their counters. */
    private void flushBackends() throws InterruptedException {
        pool.getHikariPoolMXBean().softEvictConnections();
        Thread.sleep(STATS_SETTLE_MS);
    }

    /** Before a phase: lets the previous phase's counters settle, then reads everything. */
    Snapshot start() throws InterruptedException {
        flushBackends();
        long nanos = System.nanoTime();
        long jvm = jvmCpuNanos();
        long pg = pgCpuTicks();
        long machine = machineBusyTicks();
        return database(nanos, jvm, pg, machine);
    }

    /** After a phase: CPU and time at once, the database's counters once they have settled. */
    Snapshot end() throws InterruptedException {
        long nanos = System.nanoTime();
        long jvm = jvmCpuNanos();
        long pg = pgCpuTicks();
        long machine = machineBusyTicks();
        flushBackends();
        return database(nanos, jvm, pg, machine);
    }

    private Snapshot database(long nanos, long jvm, long pg, long machine) {
        Map<String, Object> db = jdbc.queryForMap("select xact_commit, tup_inserted + tup_updated + tup_deleted as written, "
                + "tup_returned + tup_fetched as read from pg_stat_database where datname = ?", database);
        Map<String, Long> tables = new java.util.HashMap<>();
        Map<String, long[]> reads = new java.util.HashMap<>();
        jdbc.query("select relname, n_tup_ins + n_tup_upd + n_tup_del as written, "
                        + "coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) as read, coalesce(seq_scan, 0) from pg_stat_user_tables",
                rs -> {
                    tables.put(rs.getString(1), rs.getLong(2));
                    reads.put(rs.getString(1), new long[]{rs.getLong(3), rs.getLong(4)});
                });
        return new Snapshot(nanos, jvm, pg, machine, ((Number) db.get("xact_commit")).longValue(),
                ((Number) db.get("written")).longValue(), ((Number) db.get("read")).longValue(), tables, reads);
    }

    Cost between(String phase, Snapshot a, Snapshot b, long operations) {
        double ops = Math.max(1, operations);
        double jvm = (b.jvmCpuNanos() - a.jvmCpuNanos()) / 1e6;
        double pg = (b.pgCpuTicks() - a.pgCpuTicks()) * TICK_MS;
        double machine = (b.machineBusyTicks() - a.machineBusyTicks()) * TICK_MS;
        Map<String, Double> top = new java.util.LinkedHashMap<>();
        b.writtenByTable().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - a.writtenByTable().getOrDefault(e.getKey(), 0L)) / ops))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(14)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        Map<String, TableReads> read = new java.util.LinkedHashMap<>();
        b.readByTable().entrySet().stream()
                .map(e -> {
                    long[] before = a.readByTable().getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new TableReads((e.getValue()[0] - before[0]) / ops, (e.getValue()[1] - before[1]) / ops));
                })
                .filter(e -> e.getValue().rows() > 0)
                .sorted((x, y) -> Double.compare(y.getValue().rows(), x.getValue().rows())).limit(6)
                .forEach(e -> read.put(e.getKey(), e.getValue()));
        return new Cost(phase, operations, jvm / ops, pg / ops, Math.max(0, machine - jvm - pg) / ops,
                (b.commits() - a.commits()) / ops, (b.rowsWritten() - a.rowsWritten()) / ops,
                (b.rowsRead() - a.rowsRead()) / ops, (b.nanos() - a.nanos()) / 1e9, top, read);
    }

    private static long jvmCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** utime + stime of every process whose command is {@code postgres} (the server and its backends). */
    private static long pgCpuTicks() {
        long ticks = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (open < 0 || close < 0 || !stat.substring(open + 1, close).startsWith("postgres")) {
                        continue;
                    }
                    String[] f = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                } catch (IOException | RuntimeException gone) {
                    // the process ended between listing and reading
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }

    /** All CPUs' busy time (user + nice + system + irq + softirq + steal) from /proc/stat. */
    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[]{1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
