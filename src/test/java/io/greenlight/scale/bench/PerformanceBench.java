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
 * The benchmark suite: {@code ./mvnw -DbuildDir=target-x -Pbench verify}. Not a test of speed — it
 * measures and writes {@code ${buildDir}/performance.md}; targets are compared in the report, never asserted.
 * Runs the application in this JVM on a fresh PostgreSQL database ({@code greenlight_bench}) with the job
 * executor on, exactly as the {@code postgres} profile configures it, and starts the packaged jar for start-up
 * time and idle memory. Every figure is printed beside its reference from the same run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "demo", "bench"})
@Import(BenchConfig.class)
class PerformanceBench {

    private static final String DB = System.getProperty("greenlight.bench.db", "greenlight_bench");
    private static final int BURST = Integer.getInteger("greenlight.bench.burst", 1000);
    private static final int OPEN_TASKS = Integer.getInteger("greenlight.bench.open-tasks", 5000);
    private static final int POSTS = Integer.getInteger("greenlight.bench.posts", 10000);
    private static final int CLIENTS = Integer.getInteger("greenlight.bench.clients", 4);
    /**
     * The phases to run, in this order (all by default): loops, burst (with its naive reference), lone, pages,
     * start-up, and loaded-loops (not by default: the HTTP loop alone, measured again on the data that is there by
     * then, e.g. after the pages') and batched-reference (not by default: the naive model published in batches, the
     * ceiling of the batched publish design in docs/performance.md). {@code pages:N} loads up to N posts instead of {@code greenlight.bench.posts}; a
     * phase may be named more than once, e.g. {@code pages,loaded-loops,pages:100000,loaded-loops} measures the
     * pages and the loop at 10,000 posts, then adds drafts up to 100,000 and measures both again.
     */
    private static final List<String> PHASES = List.of(System.getProperty("greenlight.bench.phases",
            "loops,burst,lone,pages,start-up").split(","));
    /**
     * 0 (default): the pages' extra drafts have no time. Otherwise they are scheduled this many per 30 days, the
     * newest two weeks ahead and the rest further back in time, so every month shown holds about as many posts
     * whatever the total: more posts means a longer history, as in a team that has used Greenlight for years.
     */
    private static final int DRAFTS_PER_MONTH = Integer.getInteger("greenlight.bench.drafts-per-month", 0);

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
    javax.sql.DataSource dataSource;
    @Autowired
    StubNetwork stub;
    @Autowired
    BenchPublisher publisher;
    @Autowired
    org.camunda.bpm.engine.ExternalTaskService externalTasks;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;
    @Value("${camunda.bpm.job-execution.core-pool-size}")
    int jobThreads;
    @Value("${camunda.bpm.job-execution.max-jobs-per-acquisition:3}")
    int jobsPerAcquisition;
    @Value("${camunda.bpm.job-execution.max-wait}")
    long maxWait;

    private final Report report = new Report();
    private CostMeter meter;

    @Test
    void measure() throws Exception {
        String app = "http://127.0.0.1:" + port;
        report.machine(Postgres.url(DB), jobThreads, jobsPerAcquisition, maxWait);
        meter = new CostMeter(jdbc, DB, dataSource);
        report.calibration("at the start", calibrate());
        jdbc.update("insert into network_rule (network, count_unit, max_length, note) values ('BENCH', 'GRAPHEMES', 5000, 'benchmark stub')");
        // The daily digest (every 15 minutes) sends each user their waiting tasks once a day after 09:00 in their zone:
        // with 5,000 open reviews that is minutes of work inside the measured windows of a run after 09:00 UTC, and
        // none before. Suspended, so a run measures the same whatever the hour (greenlight.bench.digest=true keeps it).
        if (!Boolean.getBoolean("greenlight.bench.digest")) {
            repository.suspendProcessDefinitionByKey("daily-digest", true, null);
        }
        jdbc.update("insert into channel (channel_key, name, network, enabled, created_at) values ('bench', 'Benchmark stub', 'BENCH', true, ?)",
                Timestamp.from(Instant.now()));

        Path out = Path.of(System.getProperty("greenlight.bench.report", "target/performance.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        for (String phase : PHASES) {
            String name = phase.strip();
            switch (name.contains(":") ? name.substring(0, name.indexOf(':')) : name) {
                case "loops" -> loops(app);
                case "loaded-loops" -> loadedLoops(app);
                case "burst" -> {
                    rawBurst();
                    Files.writeString(out, report.markdown());
                    burst(app);
                }
                case "batched-reference" -> batchedBurst();
                case "lone" -> lonePosts(app);
                case "pages" -> pages(app, name.contains(":") ? Integer.parseInt(name.substring(name.indexOf(':') + 1)) : POSTS);
                case "start-up" -> startUp();
                default -> throw new IllegalArgumentException("unknown bench phase '" + name
                        + "'; use loops, loaded-loops, burst, batched-reference, lone, pages[:posts], start-up");
            }
            Files.writeString(out, report.markdown());
        }
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
        int rawLoops = Integer.getInteger("greenlight.bench.raw-loops", 600);
        CostMeter.Snapshot a = meter.start();
        double raw = timed(CLIENTS, rawLoops, i -> rawLoop());
        report.cost(meter.between("raw engine: start + complete a user task", a, meter.end(), rawLoops));
        // as many warm-ups as the raw loop had, so the JIT has compiled both paths before they are measured
        timed(CLIENTS, 50, i -> Client.approvedPost(app, app, author(i), "warm-up " + i, null, "local"));
        awaitJobsDone();
        int httpLoops = Integer.getInteger("greenlight.bench.http-loops", 200);
        a = meter.start();
        double http = timed(CLIENTS, httpLoops, i -> Client.approvedPost(app, app, author(i), "loop " + i, null, "local"));
        // the approved posts publish to `local` in the background: part of a loop's cost
        awaitJobsDone();
        report.cost(meter.between("ours: create + submit + claim + approve (HTTP) + its publish", a, meter.end(), httpLoops));
        report.loops(raw, http, CLIENTS);
    }

    /**
     * The HTTP loop alone on the data that is there now (after the pages' 10,000 or 100,000 posts and 5,000 open
     * tasks): what a submit, a claim, a decision and a publish cost once the database has history. Its cost line
     * names the posts and open tasks it ran with; compare it with the same line at another size.
     */
    private void loadedLoops(String app) throws Exception {
        timed(CLIENTS, 20, i -> Client.approvedPost(app, app, author(i), "loaded warm-up " + i, null, "local"));
        awaitJobsDone();
        int posts = jdbc.queryForObject("select count(*) from post", Integer.class);
        int openTasks = jdbc.queryForObject("select count(*) from act_ru_task", Integer.class);
        int httpLoops = Integer.getInteger("greenlight.bench.http-loops", 200);
        CostMeter.Snapshot a = meter.start();
        timed(CLIENTS, httpLoops, i -> Client.approvedPost(app, app, author(i), "loaded loop " + i, null, "local"));
        awaitJobsDone();
        report.cost(meter.between("ours: create + submit + claim + approve (HTTP) + its publish, at " + posts + " posts, "
                + openTasks + " open tasks", a, meter.end(), httpLoops));
    }

    private void rawLoop() {
        String id = runtime.startProcessInstanceByKey("bench-raw").getId();
        String task = tasks.createTaskQuery().processInstanceId(id).singleResult().getId();
        tasks.complete(task);
    }

    /**
     * The reference for the burst, in the same JVM, database and executor: the naive model the issue names — per
     * post one timer and one async service task that makes the same blocking 100 ms call and nothing else.
     */
    private void rawBurst() throws Exception {
        repository.createDeployment().name("bench-raw-publish").addModelInstance("bench-raw-publish.bpmn",
                Bpmn.createExecutableProcess("bench-raw-publish").camundaHistoryTimeToLive(1)
                        .startEvent().intermediateCatchEvent().timerWithDate("${due}")
                        .serviceTask().camundaAsyncBefore().camundaDelegateExpression("${benchRawPublish}")
                        .endEvent().done()).deploy();
        Instant due = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = startDue("bench-raw-publish", "raw-", due);
        CostMeter.Snapshot atDue = meter.start();
        assertThat(Instant.now()).as("the reference burst's instances started before they are due").isBefore(due);
        List<Long> lateness = arrivals("reference burst: one post of the naive model (timer + async call)", ids, due, atDue);
        report.rawBurst(BURST, due, last(due, lateness), lateness);
    }

    /** As many instances of a reference process as the burst has posts, business keys {@code prefix + i}, due at {@code due}. */
    private List<String> startDue(String processKey, String prefix, Instant due) throws Exception {
        java.util.Date dueDate = java.util.Date.from(due);
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        timed(CLIENTS, BURST, i -> {
            String key = prefix + i;
            runtime.startProcessInstanceByKey(processKey, key, java.util.Map.of("due", dueDate));
            ids.add(key);
        });
        analyze();
        return ids;
    }

    /**
     * The naive model published the batched way (docs/performance.md, Bottlenecks): per post one timer that hands the
     * post to an external-task topic, and one worker that fetches and locks up to 100 tasks in one command, sends
     * them all at once through the JDK's asynchronous HTTP client (no thread per call) and completes them in one
     * transaction. No ledger, no post, no notification: the ceiling of that design on this machine, beside the naive
     * model's job-per-post figure.
     */
    private void batchedBurst() throws Exception {
        String topic = "bench-batched-publish";
        repository.createDeployment().name("bench-batched-publish").addModelInstance("bench-batched-publish.bpmn",
                Bpmn.createExecutableProcess("bench-batched-publish").camundaHistoryTimeToLive(1)
                        .startEvent().intermediateCatchEvent().timerWithDate("${due}")
                        .serviceTask().camundaExternalTask(topic).endEvent().done()).deploy();
        Instant due = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = startDue("bench-batched-publish", "batched-", due);
        var transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        Thread worker = new Thread(() -> {
            while (!stop.get()) {
                List<org.camunda.bpm.engine.externaltask.LockedExternalTask> locked = externalTasks
                        .fetchAndLock(100, "bench-worker").topic(topic, 60_000).execute();
                if (locked.isEmpty()) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                java.util.concurrent.CompletableFuture.allOf(locked.stream()
                        .map(t -> publisher.sendAsync(t.getBusinessKey()))
                        .toArray(java.util.concurrent.CompletableFuture[]::new)).join();
                transaction.executeWithoutResult(s -> locked.forEach(t -> externalTasks.complete(t.getId(), "bench-worker")));
                batches.incrementAndGet();
                completed.addAndGet(locked.size());
            }
        }, "bench-batched-worker");
        worker.setDaemon(true);
        CostMeter.Snapshot atDue = meter.start();
        assertThat(Instant.now()).as("the batched reference's instances started before they are due").isBefore(due);
        worker.start();
        List<Long> lateness;
        try {
            lateness = arrivals("batched reference: the naive model, timer + external task, 100 per fetch", ids, due, atDue);
            long until = System.currentTimeMillis() + 60_000;
            while (completed.get() < BURST && System.currentTimeMillis() < until) {
                Thread.sleep(100);
            }
        } finally {
            stop.set(true);
            worker.join(30_000);
        }
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("bench-batched-publish").count())
                .as("every instance of the batched reference ended").isZero();
        report.batchedBurst(BURST, due, last(due, lateness), lateness, batches.get());
    }

    /** 1,000 approved posts due at the same instant, published to the stub network (100 ms per call). */
    private void burst(String app) throws Exception {
        // all approved first: estimate how long that takes from the loop rate measured above; all due at one instant
        // without a loops phase before it, assume the ~8 approvals a second measured on 2 cores (run 9: 9.4/s)
        double approvalsPerSecond = report.httpLoopsPerSecond > 0 ? report.httpLoopsPerSecond : 8;
        long budget = (long) (BURST / approvalsPerSecond * 1.25 * 1000) + 20_000;
        Instant due = Instant.now().plusMillis(budget).truncatedTo(ChronoUnit.SECONDS);
        Instant dueAt = due;
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        int requestsBefore = stub.requests();
        timed(CLIENTS, BURST, i -> ids.add(Client.approvedPost(app, app, author(i), "burst " + i, dueAt.toString(), "bench")));
        assertThat(Instant.now()).as("all approved before they are due; lower greenlight.bench.burst").isBefore(due);
        analyze();
        CostMeter.Snapshot atDue = meter.start();   // flushes the approvals' counters first (the budget leaves 20 s)
        assertThat(Instant.now()).as("counters read before the posts are due").isBefore(due);
        List<Long> lateness = arrivals("publish burst: one post (timer, publish job, ledger, metrics process)", ids, due, atDue);
        Instant last = last(due, lateness);
        int published = jdbc.queryForObject("select count(*) from post where status = 'PUBLISHED' and id in (select post_id from post_variant where channel_key = 'bench')", Integer.class);
        Double jobsPerPost = jdbc.queryForObject("select count(*) * 1.0 / ? from act_hi_job_log l join act_hi_procinst p on p.id_ = l.process_instance_id_ "
                + "join post_variant v on v.post_id = p.business_key_ where v.channel_key = 'bench' and l.job_state_ = 0", Double.class, BURST);
        report.burst(BURST, due, last, lateness, published, stub.requests() - requestsBefore, jobsPerPost);
    }

    /**
     * Sleeps until {@code due}, waits (≤ 10 min) until every id has reached the stub and the jobs are done, records the
     * phase's cost; returns each id's lateness (first arrival − due) in milliseconds.
     */
    private List<Long> arrivals(String phase, List<String> ids, Instant due, CostMeter.Snapshot atDue) throws Exception {
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis()));
        long deadline = System.currentTimeMillis() + 600_000;
        while (ids.stream().anyMatch(id -> !stub.firstArrival().containsKey(id)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        awaitJobsDone();
        report.cost(meter.between(phase, atDue, meter.end(), ids.size()));
        List<Long> lateness = new ArrayList<>();
        for (String id : ids) {
            Instant at = stub.firstArrival().get(id);
            assertThat(at).as("%s reached the stub", id).isNotNull();
            lateness.add(Duration.between(due, at).toMillis());
        }
        return lateness;
    }

    private static Instant last(Instant due, List<Long> lateness) {
        return due.plusMillis(Math.max(0, Collections.max(lateness)));
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

    /**
     * Up to {@code targetPosts} posts (10,000 by default) with 5,000 open review tasks: review inbox, post page, my
     * posts, calendar month, insights. Run again with more posts, it adds drafts further back in time.
     */
    private void pages(String app, int targetPosts) throws Exception {
        int open = jdbc.queryForObject("select count(*) from act_ru_task", Integer.class);
        long t0 = System.nanoTime();
        timed(CLIENTS * 2, Math.max(0, OPEN_TASKS - open), i -> {
            var post = Client.JSON.createObjectNode().put("title", "waiting " + i).put("timeZone", "UTC");
            post.putArray("variants").addObject().put("channel", "local").put("text", "waiting for review " + i);
            String id = Client.call("POST", app + "/api/posts", author(i), post).get("id").asText();
            Client.call("POST", app + "/api/posts/" + id + "/submit", author(i), null);
        });
        int drafts = Math.max(0, targetPosts - jdbc.queryForObject("select count(*) from post", Integer.class));
        insertDrafts(drafts, jdbc.queryForObject("select count(*) from post where status = 'DRAFT'", Integer.class));
        long setupMs = (System.nanoTime() - t0) / 1_000_000;
        analyze();
        int posts = jdbc.queryForObject("select count(*) from post", Integer.class);
        int openTasks = jdbc.queryForObject("select count(*) from act_ru_task", Integer.class);
        List<String> mine = jdbc.queryForList("select id from post where author = 'creator' and status = 'IN_REVIEW' limit 200", String.class);
        Report.Pages pages = new Report.Pages(posts, openTasks, setupMs);
        String at = ", " + posts + " posts";
        awaitJobsDone();
        pages.add("review inbox `/inbox` (reviewer)", measurePage("page: review inbox" + at, app, "reviewer", i -> "/inbox"));
        pages.add("post page `/posts/{id}` (author)", measurePage("page: post" + at, app, "creator", i -> "/posts/" + mine.get(i % mine.size())));
        pages.add("my posts `/posts` (author of ~" + jdbc.queryForObject("select count(*) from post where author = 'creator'", Integer.class) + ")",
                measurePage("page: my posts" + at, app, "creator", i -> "/posts"));
        pages.add("my posts in review `/posts?status=IN_REVIEW` (author)",
                measurePage("page: my posts in review" + at, app, "creator", i -> "/posts?status=IN_REVIEW"));
        // The calendar's month view of this month, every channel (the page budget names it)
        pages.add("calendar month `/calendar?view=month` (manager)", measurePage("page: calendar month" + at, app, "manager", i -> "/calendar?view=month"));
        // The dashboards aggregate the engine's history in SQL (this month, every chart and stuck list)
        pages.add("insights `/insights` (manager)", measurePage("page: insights" + at, app, "manager", i -> "/insights"));
        report.pages(pages);
    }

    /**
     * Up to 5 warm-ups and 40 samples, each phase bounded by a time budget (at least 1 warm-up, 3 samples). A page
     * that does not answer within the client's time-out (180 s) is reported as such, not measured.
     */
    private List<Long> measurePage(String phase, String app, String user, java.util.function.IntFunction<String> path)
            throws InterruptedException {
        try {
            long warmUntil = System.currentTimeMillis() + 10_000;
            for (int i = 0; i < 5 && (i == 0 || System.currentTimeMillis() < warmUntil); i++) {
                assertThat(Client.status(app + path.apply(i), user)).as(path.apply(i)).isEqualTo(200);
            }
            List<Long> ms = new ArrayList<>();
            CostMeter.Snapshot a = meter.start();
            long until = System.currentTimeMillis() + 30_000;
            for (int i = 0; i < Integer.getInteger("greenlight.bench.page-samples", 40)
                    && (i < 3 || System.currentTimeMillis() < until); i++) {
                long t = System.nanoTime();
                int status = Client.status(app + path.apply(i), user);
                ms.add((System.nanoTime() - t) / 1_000_000);
                assertThat(status).isEqualTo(200);
            }
            report.cost(meter.between(phase, a, meter.end(), ms.size()));
            return ms;
        } catch (IllegalStateException timedOut) {
            System.out.println("page " + path.apply(0) + " not measured: " + timedOut.getMessage());
            return List.of();
        }
    }

    /**
     * Brings PostgreSQL's table statistics up to date after a bulk load, as autovacuum does on a production server
     * within a minute or so (this machine's server runs with {@code autovacuum = off}). Without it the planner
     * believes the tables are empty and picks plans no production database would use.
     */
    private void analyze() {
        jdbc.execute("analyze");
    }

    /** Waits (≤ 60 s) until no job is due: what a phase set going in the background has run. */
    private void awaitJobsDone() throws InterruptedException {
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until && jdbc.queryForObject(
                "select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ <= now())", Integer.class) > 0) {
            Thread.sleep(100);
        }
    }

    /** {@code n} drafts; {@code older} drafts exist already, so the new ones continue their history back in time. */
    private void insertDrafts(int n, int older) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> posts = new ArrayList<>();
        List<Object[]> variants = new ArrayList<>();
        long spacingSeconds = DRAFTS_PER_MONTH <= 0 ? 0 : 30L * 24 * 3600 / DRAFTS_PER_MONTH;
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            OffsetDateTime at = spacingSeconds == 0 ? null : now.plusDays(14).minusSeconds(spacingSeconds * (older + i));
            posts.add(new Object[]{id, "draft " + i, author(i), "UTC", "DRAFT", at, now, now});
            variants.add(new Object[]{id, "local", "draft text " + i, "PENDING"});
        }
        jdbc.batchUpdate("insert into post (id, title, author, time_zone, status, scheduled_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)", posts);
        jdbc.batchUpdate("insert into post_variant (post_id, channel_key, text, status) values (?, ?, ?, ?)", variants);
    }

    /** The lean default of docs/operations.md ("Memory"): a 384 MiB heap, the serial collector, small stacks. */
    static final List<String> LEAN = List.of("-Xmx384m", "-XX:+UseSerialGC", "-Xss512k", "-XX:ReservedCodeCacheSize=64m");

    /**
     * The packaged jar started as operators start it, on the bench's JDK and on every JDK named in
     * {@code greenlight.bench.start-jdks} (comma-separated JAVA_HOMEs, e.g. {@code /usr/lib/jvm/temurin-25-jdk-amd64}):
     * the fat jar with the JVM's defaults and with the lean default, and the extracted layout with the JDK's class
     * cache (a CDS archive on JDK 17–23, the AOT cache of JEP 483 on 24 and later), each trained once.
     */
    private void startUp() throws Exception {
        Path work = Path.of(System.getProperty("greenlight.work", "target/bench")).toAbsolutePath();
        // outside demo mode a node needs its own key for channel credentials (docs/configuration.md)
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String secretKey = "--greenlight.secret-key=" + java.util.Base64.getEncoder().encodeToString(key);
        Path extracted = work.resolve("extracted");
        Path extractedJar = extract(JarNode.jar(), extracted);
        record Variant(String label, String java, Path jar, List<String> jvm) {
        }
        List<Variant> variants = new ArrayList<>();
        List<String> javas = new ArrayList<>(List.of(java()));
        for (String home : System.getProperty("greenlight.bench.start-jdks", "").split(",")) {
            if (!home.isBlank()) {
                javas.add(Path.of(home.trim(), "bin", "java").toString());
            }
        }
        for (String java : javas) {
            int feature = featureVersion(java);
            String jdk = "JDK " + feature;
            Path cache = extracted.resolve("greenlight-" + feature + (feature >= 24 ? ".aot" : ".jsa"));
            train(java, feature, extractedJar, cache, work.resolve("cache-training-" + feature), secretKey);
            List<String> withCache = new ArrayList<>(LEAN);
            withCache.add((feature >= 24 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
            variants.add(new Variant(jdk + ", fat jar (`java -jar greenlight.jar`), JVM defaults", java, JarNode.jar(), List.of()));
            variants.add(new Variant(jdk + ", fat jar, the lean default", java, JarNode.jar(), LEAN));
            variants.add(new Variant(jdk + ", extracted (`-Djarmode=tools extract`) + " + (feature >= 24 ? "AOT cache" : "CDS archive")
                    + ", the lean default", java, extractedJar, withCache));
            if (java.equals(javas.get(0))) {
                // evidence, not advice: how much of start-up is the JIT's C2 work (peak speed drops without it)
                List<String> c1 = new ArrayList<>(withCache);
                c1.add("-XX:TieredStopAtLevel=1");
                variants.add(new Variant(jdk + ", the same + C1 only (`-XX:TieredStopAtLevel=1`, evidence only)", java, extractedJar, c1));
            }
        }
        report.calibration("before the start-up runs", calibrate());
        int port = 18091;
        for (Variant v : variants) {
            try (JarNode h2 = JarNode.start(v.java(), v.jar(), "startup-h2", port++, work.resolve("h2-" + System.nanoTime()),
                    v.jvm(), List.of(secretKey))) {
                String load = loadAverage();
                long up = h2.awaitUp(Duration.ofMinutes(3));
                long cpu = h2.cpuMillis();
                Thread.sleep(15_000);
                report.startUp("H2 file, fresh database, " + v.label() + ", load " + load, up, cpu, h2.rssKib());
            }
        }
        List<String> pgArgs = new java.util.ArrayList<>(Postgres.nodeArgs(DB, "postgres"));
        pgArgs.add(secretKey);
        for (Variant v : List.of(variants.get(1), variants.get(2))) {
            try (JarNode pg = JarNode.start(v.java(), v.jar(), "startup-pg", port++, work.resolve("pg-" + System.nanoTime()),
                    v.jvm(), pgArgs)) {
                String load = loadAverage();
                long up = pg.awaitUp(Duration.ofMinutes(3));
                long cpu = pg.cpuMillis();
                Thread.sleep(15_000);
                report.startUp("PostgreSQL, the bench's " + report.postCount() + " posts, " + v.label() + ", load " + load,
                        up, cpu, pg.rssKib());
            }
        }
    }

    /** The JDK's feature version (17, 25, …), from the {@code release} file beside its {@code bin/}. */
    private static int featureVersion(String java) throws Exception {
        Path release = Path.of(java).toRealPath().getParent().getParent().resolve("release");
        String line = Files.readAllLines(release).stream().filter(l -> l.startsWith("JAVA_VERSION=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no JAVA_VERSION in " + release));
        String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
        return Integer.parseInt(version.split("[.+-]")[0]);
    }

    /** {@code java -Djarmode=tools -jar greenlight.jar extract}: returns the extracted application jar. */
    private static Path extract(Path fatJar, Path into) throws Exception {
        org.springframework.util.FileSystemUtils.deleteRecursively(into);
        Files.createDirectories(into.getParent());
        run(into.getParent(), List.of(java(), "-Djarmode=tools", "-jar", fatJar.toString(), "extract", "--destination", into.toString()));
        return into.resolve(fatJar.getFileName());
    }

    /**
     * One training run, with the lean default, that stops after the context has started and writes the class cache:
     * a dynamic CDS archive ({@code -XX:ArchiveClassesAtExit}) before JDK 24, the AOT cache ({@code -XX:AOTCacheOutput})
     * from 24 on.
     */
    private static void train(String java, int feature, Path jar, Path cache, Path dir, String secretKey) throws Exception {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(LEAN);
        command.addAll(List.of((feature >= 24 ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + cache,
                "-Dspring.context.exit=onRefresh", "-jar", jar.toString(), "--server.port=0", secretKey));
        run(dir, command);
        assertThat(cache).as("class cache written by the training run (see %s)", dir).exists();
    }

    private static void run(Path dir, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("tool-" + System.nanoTime() + ".log").toFile()).start();
        assertThat(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("%s exit code (log in %s)", command, dir).isZero();
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * The machine's speed right now: milliseconds one thread takes to sort 8 million random ints (best of 3). This
     * machine's CPUs are shared; the same start-up took 50% more CPU time within one hour. Compare runs only with
     * this figure beside them.
     */
    static long calibrate() {
        java.util.Random random = new java.util.Random(42);
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            int[] values = random.ints(8_000_000).toArray();
            long t = System.nanoTime();
            java.util.Arrays.sort(values);
            best = Math.min(best, (System.nanoTime() - t) / 1_000_000);
        }
        return best;
    }

    private static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
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
