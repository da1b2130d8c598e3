package dev.stalewatch.ctl.client;

import dev.stalewatch.ctl.CtlException;
import dev.stalewatch.ctl.ExitCodes;
import dev.stalewatch.events.Topics;
import dev.stalewatch.messaging.kafka.ProducerSettings;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes one VersionObserved with the services' idempotent producer settings and waits for the
 * broker. The only class of jobctl that touches kafka-clients: nothing else loads it.
 */
public final class KafkaObservationPublisher {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private KafkaObservationPublisher() {}

  /** @return "partition P, offset O" */
  public static String publish(String bootstrapServers, String key, byte[] value) {
    Properties p = ProducerSettings.forEvents(bootstrapServers, "jobctl");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis());
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    KafkaProducer<String, byte[]> producer;
    try {
      producer = new KafkaProducer<>(p);
    } catch (RuntimeException e) {
      throw new CtlException(ExitCodes.USAGE, "cannot set up a Kafka producer for " + bootstrapServers
          + ": " + e.getMessage(), e);
    }
    try {
      RecordMetadata metadata =
          producer
              .send(new ProducerRecord<>(Topics.VERSION_OBSERVED, key, value))
              .get(WAIT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
      return "partition " + metadata.partition() + ", offset " + metadata.offset();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new CtlException(ExitCodes.SERVICE, "cannot reach Kafka at " + bootstrapServers + " (no answer"
            + " within " + WAIT.toSeconds() + " s, or no topic " + Topics.VERSION_OBSERVED + ")", cause);
      }
      throw new CtlException(ExitCodes.SERVICE, "Kafka at " + bootstrapServers + " did not take the report: "
          + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new CtlException(ExitCodes.SERVICE, "cannot reach Kafka at " + bootstrapServers
          + " (no answer within " + WAIT.toSeconds() + " s)", e);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new CtlException(ExitCodes.SERVICE, "cannot reach Kafka at " + bootstrapServers + " ("
          + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CtlException(ExitCodes.SERVICE, "interrupted while publishing to " + bootstrapServers, e);
    } finally {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
