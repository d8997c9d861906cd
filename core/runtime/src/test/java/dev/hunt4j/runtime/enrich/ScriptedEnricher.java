package dev.hunt4j.runtime.enrich;

import dev.hunt4j.api.IocType;
import dev.hunt4j.api.Severity;
import dev.hunt4j.api.enrich.Enricher;
import dev.hunt4j.api.enrich.LookupStatus;
import dev.hunt4j.api.enrich.TiResult;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** An enricher whose answers the test writes: by default "found, high" for anything containing "bad". */
class ScriptedEnricher implements Enricher {
    final String name;
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final Deque<Supplier<TiResult>> script = new ArrayDeque<>();
    volatile boolean closed;

    ScriptedEnricher(String name) {
        this.name = name;
    }

    /** The next call does this (throws, answers); calls after the script run out answer normally. */
    synchronized ScriptedEnricher then(Supplier<TiResult> step) {
        script.add(step);
        return this;
    }

    @Override
    public TiResult lookup(String observable, IocType type) {
        calls.add(observable);
        Supplier<TiResult> step;
        synchronized (this) {
            step = script.poll();
        }
        if (step != null) {
            return step.get();
        }
        boolean bad = observable.contains("bad");
        return new TiResult(observable, type, name, null, bad, bad ? Severity.HIGH : Severity.INFORMATION,
                Map.of("source", name, "hits", bad ? 3 : 0), "{\"q\":\"" + observable + "\"}", "https://ti.example/" + observable,
                LookupStatus.OK, null);
    }

    @Override
    public void close() {
        closed = true;
    }
}
