package io.greenlight.scale.bench;

import io.greenlight.scale.Client;
import io.greenlight.scale.JarNode;
import io.greenlight.scale.Postgres;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark suite (issue 7): {@code ./mvnw -DbuildDir=target-x -Pbench verify}. Not a test of speed — it
 * measures and writes {@code ${buildDir}/performance.md}; targets are compared in the report, never asserted.
 * Runs the application in this JVM on a fresh PostgreSQL database ({@code greenlight_bench}) with the job
 * executor on, exactly as the {@code postgres} profile configures it, and starts the packaged jar for start-up
 * time and idle memory. Every figure is printed beside its reference from the same run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "demo", "bench"})
@Import(BenchConfig.class)
class PerformanceBench {

    private static final String DB = "greenlight_bench";
    private static final int BURST = Integer.getInteger("greenlight.bench.burst", 1000);
    private static final int OPEN_TASKS = Integer.getInteger("greenlight.bench.open-tasks", 5000);
    private static final int POSTS = Integer.getInteger("greenlight.bench.posts", 10000);
    private static final int CLIENTS = Integer.getInteger("greenlight.bench.clients", 4);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Postgres.recreate(DB);
        registry.add("spring.datasource.url", () -> Postgres.url(DB));
        registry.add("spring.datasource.username", () -> Postgres.USER);
        registry.add("spring.datasource.password", () -> Postgres.PASSWORD);
    }

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    RepositoryService repository;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StubNetwork stub;
    @Value("${camunda.bpm.job-execution.core-pool-size}")
    int jobThreads;
    @Value("${camunda.bpm.job-execution.max-jobs-per-acquisition:3}")
    int jobsPerAcquisition;
    @Value("${camunda.bpm.job-execution.max-wait}")
    long maxWait;

    private final Report report = new Report();

    @Test
    void measure() throws Exception {
        String app = "http://127.0.0.1:" + port;
        report.machine(Postgres.url(DB), jobThreads, jobsPerAcquisition, maxWait);
        jdbc.update("insert into network_rule (network, count_unit, max_length, note) values ('BENCH', 'GRAPHEMES', 5000, 'benchmark stub')");
        jdbc.update("insert into channel (channel_key, name, network, enabled, created_at) values ('bench', 'Benchmark stub', 'BENCH', true, ?)",
                Timestamp.from(Instant.now()));

        Path out = Path.of(System.getProperty("greenlight.bench.report", "target/performance.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        loops(app);
        Files.writeString(out, report.markdown());
        burst(app);
        Files.writeString(out, report.markdown());
        lonePosts(app);
        Files.writeString(out, report.markdown());
        pages(app);
        Files.writeString(out, report.markdown());
        startUp();
        Files.writeString(out, report.markdown());
        System.out.println(report.markdown());
        System.out.println("report written to " + out.toAbsolutePath());
    }

    /** Raw engine start + complete a user task vs. our create + submit + claim + approve over HTTP. */
    private void loops(String app) throws Exception {
        repository.createDeployment().name("bench-raw").addModelInstance("bench-raw.bpmn",
                Bpmn.createExecutableProcess("bench-raw").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("task").endEvent().done()).deploy();
        // warm-up, then measure with the same number of client threads
        timed(CLIENTS, 50, i -> rawLoop());
        double raw = timed(CLIENTS, Integer.getInteger("greenlight.bench.raw-loops", 600), i -> rawLoop());
        timed(CLIENTS, 10, i -> Client.approvedPost(app, app, author(i), "warm-up " + i, null, "local"));
        double http = timed(CLIENTS, Integer.getInteger("greenlight.bench.http-loops", 200),
                i -> Client.approvedPost(app, app, author(i), "loop " + i, null, "local"));
        report.loops(raw, http, CLIENTS);
    }

    private void rawLoop() {
        String id = runtime.startProcessInstanceByKey("bench-raw").getId();
        String task = tasks.createTaskQuery().processInstanceId(id).singleResult().getId();
        tasks.complete(task);
    }

    /** 1,000 approved posts due at the same instant, published to the stub network (100 ms per call). */
    private void burst(String app) throws Exception {
        // all approved first: estimate how long that takes from the loop rate measured above; all due at one instant
        long budget = (long) (BURST / Math.max(1, report.httpLoopsPerSecond) * 1.25 * 1000) + 10_000;
        Instant due = Instant.now().plusMillis(budget).truncatedTo(ChronoUnit.SECONDS);
        Instant dueAt = due;
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        timed(CLIENTS, BURST, i -> ids.add(Client.approvedPost(app, app, author(i), "burst " + i, dueAt.toString(), "bench")));
        assertThat(Instant.now()).as("all approved before they are due; lower greenlight.bench.burst").isBefore(due);
        long deadline = System.currentTimeMillis() + Duration.between(Instant.now(), due).toMillis() + 600_000;
        while (ids.stream().anyMatch(id -> !stub.firstArrival().containsKey(id)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        List<Long> lateness = new ArrayList<>();
        Instant last = due;
        for (String id : ids) {
            Instant at = stub.firstArrival().get(id);
            assertThat(at).as("post %s published", id).isNotNull();
            lateness.add(Duration.between(due, at).toMillis());
            if (at.isAfter(last)) last = at;
        }
        int published = jdbc.queryForObject("select count(*) from post where status = 'PUBLISHED' and id in (select post_id from post_variant where channel_key = 'bench')", Integer.class);
        Double jobsPerPost = jdbc.queryForObject("select count(*) * 1.0 / ? from act_hi_job_log l join act_hi_procinst p on p.id_ = l.process_instance_id_ "
                + "join post_variant v on v.post_id = p.business_key_ where v.channel_key = 'bench' and l.job_state_ = 0", Double.class, BURST);
        report.burst(BURST, due, last, lateness, published, stub.requests(), jobsPerPost);
    }

    /** A lone post on an idle engine, three times. */
    private void lonePosts(String app) throws Exception {
        List<Long> lateness = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(3_000 + ThreadLocalRandom.current().nextInt(2_000)); // idle: the executor has backed off
            Instant due = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
            String id = Client.approvedPost(app, app, "creator", "lone " + i, due.toString(), "bench");
            long deadline = System.currentTimeMillis() + 120_000;
            while (!stub.firstArrival().containsKey(id) && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            lateness.add(Duration.between(due, stub.firstArrival().get(id)).toMillis());
        }
        report.lone(lateness);
    }

    /** 10,000 posts with 5,000 open review tasks: review inbox, post page, my posts, calendar month, insights. */
    private void pages(String app) throws Exception {
        int open = jdbc.queryForObject("select count(*) from act_ru_task", Integer.class);
        long t0 = System.nanoTime();
        timed(CLIENTS * 2, Math.max(0, OPEN_TASKS - open), i -> {
            var post = Client.JSON.createObjectNode().put("title", "waiting " + i).put("timeZone", "UTC");
            post.putArray("variants").addObject().put("channel", "local").put("text", "waiting for review " + i);
            String id = Client.call("POST", app + "/api/posts", author(i), post).get("id").asText();
            Client.call("POST", app + "/api/posts/" + id + "/submit", author(i), null);
        });
        int drafts = Math.max(0, POSTS - jdbc.queryForObject("select count(*) from post", Integer.class));
        insertDrafts(drafts);
        long setupMs = (System.nanoTime() - t0) / 1_000_000;
        int posts = jdbc.queryForObject("select count(*) from post", Integer.class);
        int openTasks = jdbc.queryForObject("select count(*) from act_ru_task", Integer.class);
        List<String> mine = jdbc.queryForList("select id from post where author = 'creator' and status = 'IN_REVIEW' limit 200", String.class);
        Report.Pages pages = new Report.Pages(posts, openTasks, setupMs);
        pages.add("review inbox `/inbox` (reviewer)", measurePage(app, "reviewer", i -> "/inbox"));
        pages.add("post page `/posts/{id}` (author)", measurePage(app, "creator", i -> "/posts/" + mine.get(i % mine.size())));
        pages.add("my posts `/posts` (author of ~" + jdbc.queryForObject("select count(*) from post where author = 'creator'", Integer.class) + ")",
                measurePage(app, "creator", i -> "/posts"));
        // issue 6: the calendar's month view of this month, every channel (the page budget names it)
        pages.add("calendar month `/calendar?view=month` (manager)", measurePage(app, "manager", i -> "/calendar?view=month"));
        // issue 8: the dashboards aggregate the engine's history in SQL (this month, every chart and stuck list)
        pages.add("insights `/insights` (manager)", measurePage(app, "manager", i -> "/insights"));
        report.pages(pages);
    }

    /**
     * Up to 5 warm-ups and 40 samples, each phase bounded by a time budget (at least 1 warm-up, 3 samples). A page
     * that does not answer within the client's time-out (180 s) is reported as such, not measured.
     */
    private List<Long> measurePage(String app, String user, java.util.function.IntFunction<String> path) {
        try {
            long warmUntil = System.currentTimeMillis() + 10_000;
            for (int i = 0; i < 5 && (i == 0 || System.currentTimeMillis() < warmUntil); i++) {
                assertThat(Client.status(app + path.apply(i), user)).as(path.apply(i)).isEqualTo(200);
            }
            List<Long> ms = new ArrayList<>();
            long until = System.currentTimeMillis() + 30_000;
            for (int i = 0; i < Integer.getInteger("greenlight.bench.page-samples", 40)
                    && (i < 3 || System.currentTimeMillis() < until); i++) {
                long t = System.nanoTime();
                int status = Client.status(app + path.apply(i), user);
                ms.add((System.nanoTime() - t) / 1_000_000);
                assertThat(status).isEqualTo(200);
            }
            return ms;
        } catch (IllegalStateException timedOut) {
            System.out.println("page " + path.apply(0) + " not measured: " + timedOut.getMessage());
            return List.of();
        }
    }

    private void insertDrafts(int n) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> posts = new ArrayList<>();
        List<Object[]> variants = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            posts.add(new Object[]{id, "draft " + i, author(i), "UTC", "DRAFT", now, now});
            variants.add(new Object[]{id, "local", "draft text " + i, "PENDING"});
        }
        jdbc.batchUpdate("insert into post (id, title, author, time_zone, status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)", posts);
        jdbc.batchUpdate("insert into post_variant (post_id, channel_key, text, status) values (?, ?, ?, ?)", variants);
    }

    /** Start-up to health UP and idle RSS of the packaged jar: fresh H2, and PostgreSQL with the bench's data. */
    private void startUp() throws Exception {
        Path work = Path.of(System.getProperty("greenlight.work", "target/bench")).toAbsolutePath();
        // outside demo mode a node needs its own key for channel credentials (docs/configuration.md)
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String secretKey = "--greenlight.secret-key=" + java.util.Base64.getEncoder().encodeToString(key);
        try (JarNode h2 = JarNode.start("startup-h2", 18091, work.resolve("h2-" + System.currentTimeMillis()), List.of(),
                List.of(secretKey))) {
            long up = h2.awaitUp(Duration.ofMinutes(3));
            Thread.sleep(15_000);
            report.startUp("H2 file, fresh database, default JVM flags", up, h2.rssKib());
        }
        List<String> pgArgs = new java.util.ArrayList<>(Postgres.nodeArgs(DB, "postgres"));
        pgArgs.add(secretKey);
        try (JarNode pg = JarNode.start("startup-pg", 18092, work.resolve("pg"), List.of(), pgArgs)) {
            long up = pg.awaitUp(Duration.ofMinutes(3));
            Thread.sleep(15_000);
            report.startUp("PostgreSQL, the bench's " + report.postCount() + " posts, default JVM flags", up, pg.rssKib());
        }
    }

    private static String author(int i) {
        return i % 2 == 0 ? "creator" : "creator2";
    }

    interface Step {
        void run(int i) throws Exception;
    }

    /** Runs {@code n} steps on {@code threads} threads; returns steps per second. */
    private static double timed(int threads, int n, Step step) throws Exception {
        if (n == 0) return 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Future<Void>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            all.add(pool.submit((Callable<Void>) () -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    step.run(i);
                }
                return null;
            }));
        }
        for (Future<Void> f : all) f.get();
        pool.shutdown();
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    static String f(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }
}
