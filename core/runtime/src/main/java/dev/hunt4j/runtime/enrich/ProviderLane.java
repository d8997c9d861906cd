package dev.hunt4j.runtime.enrich;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hunt4j.api.AuthenticationException;
import dev.hunt4j.api.ConfigurationException;
import dev.hunt4j.api.IocType;
import dev.hunt4j.api.NotSupportedException;
import dev.hunt4j.api.Secret;
import dev.hunt4j.api.ThrottledException;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured provider inside the engine: its enricher, rate limiter, quota, caches and worker threads. A lookup
 * is answered from the memory cache, then the disk cache, then joins an identical lookup already in flight, and only
 * then queues for a worker, which waits for the rate limiter, calls the plugin with a timeout and retries what is
 * worth retrying.
 */
final class ProviderLane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderLane.class);
    /** After the service refuses the credential, lookups fail fast for this long instead of being refused one by one. */
    static final Duration AUTH_FAILURE_HOLD = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    /** An answer and where it came from. */
    record Answer(TiResult result, boolean cached) {
    }

    private record Job(String key, String value, IocType type, CompletableFuture<Answer> future) {
    }

    final String name;
    final String type;
    final String description;
    final Set<IocType> supportedTypes;
    final ProviderOptions options;
    private final Enricher enricher;
    private final Ticker ticker;
    private final ExecutorService calls;
    private final List<Secret> secrets;
    private final RateLimiter limiter;
    private final RateLimiter quota;
    private final Cache<String, TiResult> cache;
    private final PersistentCache disk;
    private final ConcurrentHashMap<String, CompletableFuture<Answer>> inFlight = new ConcurrentHashMap<>();
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean closed;
    private volatile String authFailure;
    private volatile long authFailureUntil;

    ProviderLane(String name, String type, String description, Set<IocType> supportedTypes, Enricher enricher,
                 ProviderOptions options, List<Secret> secrets, Ticker ticker, ExecutorService calls) {
        this.name = name;
        this.type = type;
        this.description = description;
        this.supportedTypes = Set.copyOf(supportedTypes);
        this.enricher = enricher;
        this.options = options;
        this.secrets = List.copyOf(secrets);
        this.ticker = ticker;
        this.calls = calls;
        this.limiter = options.rateLimit() == null ? RateLimiter.unlimited(ticker) : new RateLimiter(options.rateLimit(), ticker);
        this.quota = options.quota() == null ? null : new RateLimiter(options.quota(), ticker);
        boolean caching = !options.cacheTtl().isZero();
        this.cache = caching && options.cacheSize() > 0 ? Caffeine.newBuilder()
                .maximumSize(options.cacheSize())
                .expireAfterWrite(options.cacheTtl())
                .ticker(ticker::nanoTime)
                .build() : null;
        Path folder = options.persistentCache();
        this.disk = caching && folder != null
                ? new PersistentCache(folder.resolve(fileName(name + "." + type) + ".jsonl"), options.cacheTtl(), ticker) : null;
    }

    private static String fileName(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    boolean supports(IocType t) {
        return t != null && supportedTypes.contains(t);
    }

    /** What this provider is sent for a prepared observable. */
    String sendable(PreparedObservable p) {
        return options.encodeUrls() && p.type() == IocType.URL ? URLEncoder.encode(p.value(), StandardCharsets.UTF_8) : p.value();
    }

    /** The answer for {@code value}: at once from a cache, else when a worker has it. */
    CompletableFuture<Answer> lookup(String value, IocType t) {
        String key = t.id() + '|' + value;
        TiResult hit = cached(key);
        if (hit != null) {
            return CompletableFuture.completedFuture(new Answer(hit, true));
        }
        return inFlight.computeIfAbsent(key, k -> {
            // another worker may have finished this key between the cache check and now
            TiResult again = cached(k);
            if (again != null) {
                return CompletableFuture.completedFuture(new Answer(again, true));
            }
            CompletableFuture<Answer> f = new CompletableFuture<>();
            if (closed) {
                f.complete(new Answer(failed(value, t, LookupStatus.ERROR, "the enrichment engine is closed"), false));
                return f;
            }
            queue.add(new Job(k, value, t, f));
            startWorkers();
            return f;
        });
    }

    private TiResult cached(String key) {
        if (cache != null) {
            TiResult r = cache.getIfPresent(key);
            if (r != null) {
                return r;
            }
        }
        if (disk != null) {
            TiResult r = disk.get(key);
            if (r != null) {
                if (cache != null) {
                    cache.put(key, r);
                }
                return r;
            }
        }
        return null;
    }

    private synchronized void startWorkers() {
        if (!workers.isEmpty() || closed) {
            return;
        }
        for (int i = 0; i < options.concurrency(); i++) {
            Thread t = new Thread(this::work, "hunt4j-ti-" + name + "-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    private void work() {
        while (!closed) {
            Job job;
            try {
                job = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (job == null) {
                continue;
            }
            TiResult r;
            try {
                r = execute(job.value(), job.type());
            } catch (InterruptedException e) {
                r = failed(job.value(), job.type(), LookupStatus.ERROR, "the enrichment engine was closed before " + name + " answered");
                finish(job, r);
                break;
            } catch (RuntimeException | Error e) {
                // never leave a caller waiting: whatever happened becomes the row's message
                r = failed(job.value(), job.type(), LookupStatus.ERROR, redact(String.valueOf(e.getMessage())));
            }
            finish(job, r);
        }
        // answer whatever is still queued, so no caller waits for ever
        for (Job job = queue.poll(); job != null; job = queue.poll()) {
            finish(job, failed(job.value(), job.type(), LookupStatus.ERROR, "the enrichment engine was closed before " + name + " answered"));
        }
    }

    private void finish(Job job, TiResult r) {
        if (cacheable(r)) {
            if (cache != null) {
                cache.put(job.key(), r);
            }
            if (disk != null) {
                disk.put(job.key(), r);
            }
        }
        inFlight.remove(job.key(), job.future());
        job.future().complete(new Answer(r, false));
    }

    /** Service answers are reused; failures are not, so a later run asks again. */
    private static boolean cacheable(TiResult r) {
        return r.status() == LookupStatus.OK || r.status() == LookupStatus.INVALID || r.status() == LookupStatus.UNSUPPORTED;
    }

    /** One lookup with the limiter, the quota, the timeout and the retries. */
    TiResult execute(String value, IocType t) throws InterruptedException {
        int attempt = 0;
        while (true) {
            String refused = authFailure;
            if (refused != null) {
                if (ticker.nanoTime() - authFailureUntil < 0) {
                    return failed(value, t, LookupStatus.ERROR, "not looked up: " + name + " refused the credentials shortly before ("
                            + refused + ")");
                }
                authFailure = null;
            }
            RateLimiter.Permit spent = null;
            if (quota != null) {
                spent = quota.tryAcquire();
                if (spent == null) {
                    long wait = quota.nanosUntilNext();
                    return failed(value, t, LookupStatus.THROTTLED, "the quota of " + options.quota() + " for " + name
                            + " is used up; the next lookup is possible in "
                            + (wait == Long.MAX_VALUE ? "a while" : human(Duration.ofNanos(wait))));
                }
            }
            RateLimiter.Permit permit;
            try {
                permit = limiter.acquire();
            } catch (InterruptedException e) {
                if (spent != null) {
                    spent.release();
                }
                throw e;
            }
            requests.incrementAndGet();
            Duration retryIn;
            String problem;
            LookupStatus failure;
            try {
                TiResult r = call(value, t, permit, spent);
                if (r.status() != LookupStatus.THROTTLED) {
                    return redacted(r, value, t);
                }
                failure = LookupStatus.THROTTLED;
                problem = r.message() == null ? name + " is throttling requests" : r.message();
                retryIn = backoff(attempt);
            } catch (ThrottledException e) {
                failure = LookupStatus.THROTTLED;
                problem = e.getMessage();
                retryIn = e.retryAfter().orElse(null);
                if (retryIn != null && retryIn.compareTo(options.maxRetryAfter()) > 0) {
                    limiter.pauseUntil(ticker.nanoTime() + retryIn.toNanos());
                    return failed(value, t, LookupStatus.THROTTLED, redact(problem) + " (it asked to wait " + human(retryIn)
                            + ", longer than max_retry_after " + human(options.maxRetryAfter()) + ")");
                }
                if (retryIn == null) {
                    retryIn = backoff(attempt);
                }
            } catch (AuthenticationException e) {
                authFailure = redact(e.getMessage());
                authFailureUntil = ticker.nanoTime() + AUTH_FAILURE_HOLD.toNanos();
                return failed(value, t, LookupStatus.ERROR, authFailure);
            } catch (ConfigurationException | NotSupportedException e) {
                return failed(value, t, LookupStatus.ERROR, redact(e.getMessage()));
            } catch (TimeoutException e) {
                failure = LookupStatus.ERROR;
                problem = name + " did not answer within " + human(options.timeout()) + " (setting timeout)";
                retryIn = backoff(attempt);
            } catch (RuntimeException e) {
                failure = LookupStatus.ERROR;
                problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                retryIn = backoff(attempt);
            }
            if (attempt >= options.retries()) {
                String after = options.retries() == 0 ? "" : " (after " + (attempt + 1) + " attempts)";
                return failed(value, t, failure, redact(problem) + after);
            }
            attempt++;
            LOG.debug("{}: {}; retry {} of {} in {}", name, redact(problem), attempt, options.retries(), human(retryIn));
            if (failure == LookupStatus.THROTTLED) {
                // the service throttles the key, not this request: every worker of this provider waits
                limiter.pauseUntil(ticker.nanoTime() + retryIn.toNanos());
            } else {
                ticker.sleep(retryIn.toNanos());
            }
        }
    }

    /** Calls the plugin with the timeout; the tokens go back when the call ends, answered, failed or abandoned. */
    private TiResult call(String value, IocType t, RateLimiter.Permit permit, RateLimiter.Permit spent)
            throws InterruptedException, TimeoutException {
        Future<TiResult> f = null;
        try {
            f = calls.submit(() -> enricher.lookup(value, t));
            TiResult r = f.get(options.timeout().toNanos(), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new IllegalStateException(name + " returned no result");
            }
            return r;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c == null ? "lookup failed" : c.toString(), c);
        } finally {
            permit.release();
            if (spent != null) {
                spent.release();
            }
        }
    }

    private Duration backoff(int attempt) {
        long base = options.retryBackoff().toMillis() << Math.min(attempt, 16);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        // jitter in [75%, 100%] so workers do not retry in lock-step
        return Duration.ofMillis(capped - ThreadLocalRandom.current().nextLong(capped / 4 + 1));
    }

    /** The plugin's answer under this instance's name, with every secret of the instance masked. */
    private TiResult redacted(TiResult r, String value, IocType t) {
        return new TiResult(r.ioc() == null ? value : r.ioc(), r.type() == null ? t : r.type(), name, r.subtype(), r.found(),
                r.severity(), r.details(), redact(r.rawJson()), redact(r.reference()), r.status(), redact(r.message()));
    }

    TiResult failed(String value, IocType t, LookupStatus status, String message) {
        return TiResult.failed(value, t, name, status, message);
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Secret s : secrets) {
            if (s.reveal().length() >= 4) {
                out = s.redact(out);
                out = out.replace(URLEncoder.encode(s.reveal(), StandardCharsets.UTF_8), "****");
            }
        }
        return out;
    }

    /** Requests sent to the provider so far (retries included). */
    long requests() {
        return requests.get();
    }

    RateLimiter limiter() {
        return limiter;
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = (ms + 999) / 1000;
        if (s < 120) {
            return s + " s";
        }
        long m = (s + 59) / 60;
        if (m < 120) {
            return m + " min";
        }
        return (m / 60) + " h " + (m % 60) + " min";
    }

    @Override
    public void close() {
        closed = true;
        List<Thread> ws;
        synchronized (this) {
            ws = new ArrayList<>(workers);
        }
        ws.forEach(Thread::interrupt);
        for (Thread w : ws) {
            try {
                w.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Job job = queue.poll(); job != null; job = queue.poll()) {
            finish(job, failed(job.value(), job.type(), LookupStatus.ERROR, "the enrichment engine was closed before " + name + " answered"));
        }
        try {
            enricher.close();
        } catch (RuntimeException e) {
            LOG.warn("closing TI provider {} failed: {}", name, redact(e.getMessage()));
        }
        if (disk != null) {
            disk.close();
        }
    }
}
