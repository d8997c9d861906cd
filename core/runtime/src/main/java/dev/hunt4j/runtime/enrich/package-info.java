/**
 * The threat-intelligence engine behind {@code Hunt4j.enrich()}.
 *
 * <ul>
 *   <li>{@link dev.hunt4j.runtime.enrich.Enrichment} — looks observables up at the configured providers: one
 *       observable, a list, or a column of a table ({@link dev.hunt4j.runtime.enrich.LookupRequest}); providers
 *       chosen by name, by {@link dev.hunt4j.runtime.enrich.ProviderScope scope}, or all that support the type.</li>
 *   <li>Pre-processing ({@link dev.hunt4j.runtime.enrich.Observables}): refang, infer the type, validate (domains
 *       under a public suffix, hash length and entropy, URLs with a valid host); IP addresses outside the global
 *       unicast space are refused by providers with {@code global_ips_only} (the default), URLs are percent-encoded
 *       for providers with {@code encode_urls}. What cannot be looked up comes back as a row that says why.</li>
 *   <li>Per provider ({@link dev.hunt4j.runtime.enrich.ProviderOptions}, keys next to the plugin's in the config):
 *       a strict {@link dev.hunt4j.runtime.enrich.RateLimiter rate limit} (never more than N requests in any
 *       window), a quota that is not waited for, {@code concurrency} workers, a timeout, retries for throttling
 *       (honouring {@code Retry-After}, pausing the whole provider) and transient failures (exponential back-off),
 *       fail-fast after a refused credential, a Caffeine cache with a TTL and an optional append-only JSON-lines
 *       cache on disk, so re-runs spend no quota.</li>
 *   <li>Results ({@link dev.hunt4j.runtime.enrich.TiResults}): MSTICPy's columns {@code Ioc, IocType, SafeIoc,
 *       QuerySubtype, Provider, Result, Severity, Details, RawResult, Reference, Status}, and a summary per
 *       observable (worst severity, providers that flagged it, providers that failed).</li>
 *   <li>{@link dev.hunt4j.runtime.enrich.SentinelTiFactory sentinel-ti}, the one built-in enricher type: Sentinel's
 *       {@code ThreatIntelIndicators} (or legacy {@code ThreatIntelligenceIndicator}) table queried in KQL through a
 *       configured query provider, reached through
 *       a {@link dev.hunt4j.runtime.enrich.KqlRunner} the facade supplies (so this package needs neither the facade
 *       nor any plugin); lookups in flight together share one query per kind of observable.</li>
 * </ul>
 *
 * <p>What plugins do (the contract {@code dev.hunt4j.tck.EnricherContract} checks): answer a lookup with a
 * {@code TiResult} — {@code OK} for found and not found alike, {@code INVALID} when the service calls the
 * observable malformed — and throw for failures worth retrying: {@code ThrottledException} (with the service's
 * {@code Retry-After}), {@code AuthenticationException} (not retried), anything else (retried with back-off).
 * Plugins do not retry or wait themselves: every request goes through the engine's limiter, so the limit holds.
 */
package dev.hunt4j.runtime.enrich;
