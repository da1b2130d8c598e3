package dev.stalewatch.snapshot.rest;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.stalewatch.events.Topics;
import dev.stalewatch.events.VersionObserved;
import dev.stalewatch.snapshot.kafka.Messaging;
import dev.stalewatch.snapshot.service.HashCheck;

/**
 * For workers that reach HTTP but not Kafka: validates a VersionObserved and publishes it to its
 * topic, answering once the broker has it. The report is then applied like any other.
 */
@Path("/api/observations")
public class ObservationResource {

    private static final long PUBLISH_TIMEOUT_SECONDS = 30;

    @Inject
    Messaging messaging;
    @Inject
    HashCheck hashCheck;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response observe(byte[] body) throws Exception {
        var runtime = messaging.runtime();
        VersionObserved observed = runtime.codec().decode(body, VersionObserved.class);
        hashCheck.requireMatchingHash(observed);
        runtime.eventProducer().send(new ProducerRecord<>(Topics.VERSION_OBSERVED, observed.key(),
                runtime.codec().encode(observed))).get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return Response.accepted(Map.of("eventId", observed.eventId(), "topic", Topics.VERSION_OBSERVED)).build();
    }
}
