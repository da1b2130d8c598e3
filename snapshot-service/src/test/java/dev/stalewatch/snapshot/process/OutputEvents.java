package dev.stalewatch.snapshot.process;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.StalewatchEvent;
import dev.stalewatch.testkit.kafka.TopicContents;

/** What the service published, read back from the real topics. */
final class OutputEvents {

    private static final EventCodec CODEC = new EventCodec();

    private OutputEvents() {
    }

    static List<StalewatchEvent> of(String topic, String job) {
        return TopicContents.withKeyPrefix(topic, job + "/").stream().map(r -> CODEC.decode(r.value())).toList();
    }

    static <E extends StalewatchEvent> List<E> of(String topic, String job, Class<E> type, Predicate<E> filter) {
        return of(topic, job).stream().map(type::cast).filter(filter).toList();
    }

    /**
     * The relay may publish a row again after a crash between send and mark; that is the same event
     * (same id), which consumers skip. A second event id for the same fact would be a real duplicate.
     */
    static <E extends StalewatchEvent> void assertNoDuplicateEvent(List<E> events, Function<E, String> fact) {
        Map<String, String> eventIdByFact = new HashMap<>();
        for (E event : events) {
            String previous = eventIdByFact.putIfAbsent(fact.apply(event), event.eventId());
            if (previous != null && !previous.equals(event.eventId())) {
                throw new AssertionError("two events for " + fact.apply(event) + ": " + previous + ", "
                        + event.eventId());
            }
        }
    }

    static long distinctIds(List<? extends StalewatchEvent> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.eventId()));
        return ids.size();
    }
}
