package dev.stalewatch.worker;

import dev.stalewatch.events.Dep;
import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.VersionHash;
import dev.stalewatch.events.VersionObserved;
import dev.stalewatch.messaging.kafka.ProducerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What a Java stage worker calls at stage start: computes the {@code stalewatch-sha256-v1} version
 * hash of the stage's code, and publishes one {@code VersionObserved} with its source, deps and the
 * caller's histogram of stored results per hash, keyed {@code jobId/stage}, on an idempotent
 * producer (acks=all).
 *
 * <p>Reporting never blocks on the broker: {@link #report} validates and hands the record to the
 * producer, and the returned {@link Report#acknowledged()} completes when the broker has it. An
 * invalid report (bad names, oversized code, duplicate dep names) throws at once and is never sent.
 *
 * <p>Thread-safe: one reporter per process is enough; any number of threads may report through it.
 * Close it at shutdown: {@link #close()} waits for reports in flight.
 */
public final class VersionReporter implements AutoCloseable {

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Producer<String, byte[]> producer;
  private final EventCodec codec;
  private final String topic;
  private final String workerId;
  private final AtomicBoolean closed = new AtomicBoolean();

  private VersionReporter(Builder builder) {
    this.codec = builder.codec;
    this.topic = builder.topic;
    this.workerId = builder.workerId;
    this.producer = builder.producerFactory.apply(builder.producerProperties());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What was published: the hash the worker should store with its results, and the broker's ack. */
  public record Report(
      String versionHash, String eventId, CompletableFuture<RecordMetadata> acknowledged) {

    /** Waits for the broker; rethrows its failure unchecked. */
    public RecordMetadata await() {
      return acknowledged.join();
    }
  }

  /**
   * A full report: the stage's code under {@code stalewatch-sha256-v1}.
   *
   * @param language e.g. {@code "java"}: the language of {@code source}
   * @param deps helper code ({@link Dep#code}) and texts such as prompts ({@link Dep#text}); names
   *     unique
   * @param histogram stored results per version hash, as the worker's store counts them
   * @return the version hash to store with this stage's results, and the pending acknowledgement
   * @throws dev.stalewatch.events.EventValidationException if the report breaks the contract
   * @throws IllegalArgumentException if dep names repeat or text is not encodable as UTF-8
   */
  public Report report(
      String jobId,
      String stage,
      String language,
      Source source,
      List<Dep> deps,
      Map<String, Long> histogram) {
    Objects.requireNonNull(source, "source");
    VersionObserved observed =
        VersionObserved.withStalewatchHash(
            jobId, stage, language, source, deps, histogramOrEmpty(histogram), workerId);
    return publish(observed);
  }

  /** A full report of the code described by {@code code}. */
  public Report report(String jobId, String stage, StageCode code, Map<String, Long> histogram) {
    return report(jobId, stage, code.language(), code.source(), code.deps(), histogram);
  }

  /**
   * A full report under the pipeline's own hash algorithm: the worker promises that {@code source}
   * and {@code deps} are the complete input of {@code versionHash}.
   */
  public Report reportWithHash(
      String jobId,
      String stage,
      String versionHash,
      String hashAlgorithm,
      String language,
      Source source,
      List<Dep> deps,
      Map<String, Long> histogram) {
    Objects.requireNonNull(source, "source");
    if (VersionHash.ALGORITHM.equals(hashAlgorithm)
        && !VersionHash.compute(language, source, deps).equals(versionHash)) {
      throw new IllegalArgumentException(
          "versionHash is not the " + VersionHash.ALGORITHM + " hash of this source and deps");
    }
    return publish(
        VersionObserved.create(
            jobId,
            stage,
            versionHash,
            hashAlgorithm,
            language,
            source,
            deps,
            histogramOrEmpty(histogram),
            workerId));
  }

  /**
   * Refreshes the stage's histogram without code, e.g. after a recompute. {@code versionHash} must
   * already be known to Stalewatch (reported once with source); this never moves the current hash.
   */
  public Report reportHistogram(
      String jobId,
      String stage,
      String versionHash,
      String hashAlgorithm,
      Map<String, Long> histogram) {
    return publish(
        VersionObserved.histogramOnly(
            jobId, stage, versionHash, hashAlgorithm, histogramOrEmpty(histogram), workerId));
  }

  /** Waits until every report handed over so far is acknowledged or failed. */
  public void flush() {
    producer.flush();
  }

  /** Sends what is in flight (waiting up to 30 s) and releases the producer. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      producer.close(CLOSE_TIMEOUT);
    }
  }

  private Report publish(VersionObserved observed) {
    if (closed.get()) {
      throw new IllegalStateException("this VersionReporter is closed");
    }
    byte[] value = codec.encode(observed); // validates: an invalid report is never sent
    CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
    producer.send(
        new ProducerRecord<>(topic, observed.key(), value),
        (metadata, exception) -> {
          if (exception != null) {
            ack.completeExceptionally(exception);
          } else {
            ack.complete(metadata);
          }
        });
    return new Report(observed.versionHash(), observed.eventId(), ack);
  }

  private static Map<String, Long> histogramOrEmpty(Map<String, Long> histogram) {
    return histogram == null ? Map.of() : histogram;
  }

  /** Settings of a reporter; {@link #build()} opens its producer. */
  public static final class Builder {

    private String bootstrapServers;
    private final Properties extraProperties = new Properties();
    private String workerId;
    private String clientId;
    private String topic = Topics.VERSION_OBSERVED;
    private EventCodec codec = new EventCodec();
    private Function<Properties, Producer<String, byte[]>> producerFactory = KafkaProducer::new;

    private Builder() {}

    /** Required: the Kafka cluster, e.g. the value of {@code KAFKA_BOOTSTRAP_SERVERS}. */
    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    /**
     * Extra producer properties (security, timeouts), applied over the defaults. Idempotence and
     * acks=all cannot be turned off here.
     */
    public Builder producerProperties(Properties properties) {
      extraProperties.putAll(properties);
      return this;
    }

    public Builder producerProperty(String name, Object value) {
      extraProperties.put(name, value);
      return this;
    }

    /** Which worker instance reports (optional; shows up in the event's {@code workerId}). */
    public Builder workerId(String workerId) {
      this.workerId = workerId;
      return this;
    }

    /** Kafka client id; defaults to {@code stalewatch-worker-<workerId>}. */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** The topic; {@code stalewatch.version-observed.v1} unless a test says otherwise. */
    public Builder topic(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic");
      return this;
    }

    /** The codec (and so the size limit) reports are validated with. */
    public Builder codec(EventCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /** For tests: how the producer is made from the final properties. */
    public Builder producerFactory(Function<Properties, Producer<String, byte[]>> factory) {
      this.producerFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    Properties producerProperties() {
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        throw new IllegalStateException("bootstrapServers is required");
      }
      String id =
          clientId != null
              ? clientId
              : "stalewatch-worker" + (workerId == null ? "" : "-" + workerId);
      Properties defaults = ProducerSettings.forEvents(bootstrapServers, id);
      Properties properties = new Properties();
      properties.putAll(defaults);
      properties.putAll(extraProperties);
      // what the contract relies on (no duplicates, no reordering within a stage) and the wire format
      for (String fixed :
          List.of(
              ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
              ProducerConfig.ACKS_CONFIG,
              ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
              ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
        properties.put(fixed, defaults.get(fixed));
      }
      return properties;
    }

    public VersionReporter build() {
      return new VersionReporter(this);
    }
  }
}
