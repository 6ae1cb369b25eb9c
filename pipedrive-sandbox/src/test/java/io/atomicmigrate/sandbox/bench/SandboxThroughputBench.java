package io.atomicmigrate.sandbox.bench;

import io.atomicmigrate.sandbox.PipedriveSandbox;
import io.atomicmigrate.sandbox.SandboxFixture;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the sandbox on loopback with limits lifted (not a test; issue 3 asks for
 * at least 2,000 requests/s). A Vert.x HTTP client keeps {@code concurrency} requests in flight over
 * keep-alive connections: a share of GET persons pages of 100 (third argument, default 10%), the
 * rest a loader-like mix of 45% POST person, 22% PATCH person, 33% GET person. Client and server share the same machine and cores.
 *
 * <pre>./mvnw -B -pl pipedrive-sandbox test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.atomicmigrate.sandbox.bench.SandboxThroughputBench [-Dexec.args="20 64 10"]</pre>
 * Arguments: seconds to measure (default 20, after 5 s warm-up), requests in flight (default 64),
 * percentage of list requests (default 10), server event loops (default 0 = one per core).
 */
public final class SandboxThroughputBench {
    private SandboxThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        listPercent = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int serverLoops = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        try (PipedriveSandbox sandbox = SandboxFixture.startWithoutLimits(c -> c.eventLoops = serverLoops)) {
            // the server's event loops exist before the client's Vert.x does: remember them to time the server alone
            long[] serverThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("vert.x-eventloop")).mapToLong(Thread::getId).toArray();
            // one client event loop: the client should take as little of the shared cores as it can
            Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
            URI base = URI.create(sandbox.baseUrl());
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                    .setDefaultPort(base.getPort()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(concurrency));
            System.out.printf("sandbox %s, %d in flight, %d cores%n", sandbox.baseUrl(), concurrency,
                    Runtime.getRuntime().availableProcessors());
            run(client, 5, concurrency);               // warm-up: JIT, connection pool, some data
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long server0 = threadCpu(serverThreads);
            Result r = run(client, seconds, concurrency);
            double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
            double serverSeconds = (threadCpu(serverThreads) - server0) / 1e9;
            // the machine may be shared (CI, parallel builds): report its load next to the figure
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf("measured %d s: %d requests, %.0f requests/s, errors %d, p50 %.2f ms, p99 %.2f ms, load average %.1f%n",
                    seconds, r.count, r.count / (double) seconds, r.errors, r.p50, r.p99, load);
            // CPU the JVM (client + server) actually got: on a shared machine this is the fairer figure
            System.out.printf("process CPU %.1f s of %d s x %d cores: %.0f requests per CPU-second (client included)%n",
                    cpuSeconds, seconds, Runtime.getRuntime().availableProcessors(), r.count / cpuSeconds);
            System.out.printf("server event loops used %.1f CPU-s: %.0f requests per server CPU-second%n",
                    serverSeconds, r.count / serverSeconds);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Share of GET /persons?limit=100 pages in the mix (third argument). */
    private static int listPercent;

    private static long threadCpu(long[] ids) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : ids) {
            long t = mx.getThreadCpuTime(id);
            sum += Math.max(0, t);
        }
        return sum;
    }

    record Result(long count, long errors, double p50, double p99) {
    }

    private static Result run(HttpClient client, int seconds, int concurrency) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicInteger maxId = new AtomicInteger(1);
        long[] latencies = new long[4_000_000];
        AtomicInteger latencyIndex = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            next(client, end, count, errors, maxId, latencies, latencyIndex, done);
        }
        done.await();
        int n = Math.min(latencyIndex.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        double p50 = n == 0 ? 0 : sorted[n / 2] / 1e6;
        double p99 = n == 0 ? 0 : sorted[(int) (n * 0.99)] / 1e6;
        return new Result(count.get(), errors.get(), p50, p99);
    }

    private static void next(HttpClient client, long end, AtomicLong count, AtomicLong errors, AtomicInteger maxId,
                             long[] latencies, AtomicInteger latencyIndex, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        int dice = ThreadLocalRandom.current().nextInt(100);
        boolean list = dice < listPercent;
        dice = ThreadLocalRandom.current().nextInt(100);
        int id = 1 + ThreadLocalRandom.current().nextInt(Math.max(1, maxId.get()));
        RequestOptions o = new RequestOptions().putHeader("x-api-token", SandboxFixture.ADMIN_TOKEN)
                .putHeader("content-type", "application/json");
        Buffer body = null;
        if (list) {
            o.setMethod(HttpMethod.GET).setURI("/api/v2/persons?limit=100");
        } else if (dice < 45) {
            o.setMethod(HttpMethod.POST).setURI("/api/v2/persons");
            body = Buffer.buffer("{\"name\":\"Bench Person\",\"emails\":[{\"value\":\"bench@example.com\"}],\"visible_to\":3}");
        } else if (dice < 67) {
            o.setMethod(HttpMethod.PATCH).setURI("/api/v2/persons/" + id);
            body = Buffer.buffer("{\"name\":\"Bench Person " + id + "\"}");
        } else {
            o.setMethod(HttpMethod.GET).setURI("/api/v2/persons/" + id);
        }
        long t0 = System.nanoTime();
        Buffer payload = body;
        client.request(o)
                .compose(req -> payload == null ? req.send() : req.send(payload))
                .compose(resp -> resp.body().map(b -> {
                    if (resp.statusCode() != 200) {
                        errors.incrementAndGet();
                    } else if (o.getMethod() == HttpMethod.POST) {
                        // ids are sequential and nothing is deleted: no need to parse the body
                        maxId.incrementAndGet();
                    }
                    return resp.statusCode();
                }))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        errors.incrementAndGet();
                    }
                    count.incrementAndGet();
                    int i = latencyIndex.getAndIncrement();
                    if (i < latencies.length) {
                        latencies[i] = System.nanoTime() - t0;
                    }
                    next(client, end, count, errors, maxId, latencies, latencyIndex, done);
                });
    }
}
