package io.blindspot.scoring.service;

import io.blindspot.support.retry.RetryListener;
import io.blindspot.support.retry.TransientFaults;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which experiments this scoring instance is waiting out a transient fault for, right now: the state behind
 * status {@code waiting}. In memory, per instance (it describes this process's retries; with several replicas
 * each knows its own, and a restart forgets them, which is right: the retries end with the process). While the
 * database itself is down the status cannot be read at all (503), so {@code waiting} mostly shows object-store
 * and broker waits, and database waits in the moments the API's queries get through.
 */
@ApplicationScoped
public class Waits {
    /** One experiment's retrying events: how many, the earliest start, the latest fault. */
    public record Wait(int events, Instant since, String resource, String detail) {
    }

    private final Map<UUID, Wait> waits = new HashMap<>();

    /** A listener for one event's retries of experiment {@code id} (null: none). */
    public RetryListener listener(UUID id) {
        if (id == null) {
            return RetryListener.NONE;
        }
        return new RetryListener() {
            private boolean counted;

            @Override
            public void retrying(TransientFaults.Fault fault, Instant since, int attempt, long delayMillis) {
                update(id, fault, since, !counted);
                counted = true;
            }

            @Override
            public void ended() {
                if (counted) {
                    end(id);
                    counted = false;
                }
            }
        };
    }

    synchronized void update(UUID id, TransientFaults.Fault fault, Instant since, boolean newEvent) {
        Wait old = waits.get(id);
        if (old == null) {
            waits.put(id, new Wait(1, since, fault.resource(), fault.detail()));
        } else {
            waits.put(id, new Wait(old.events() + (newEvent ? 1 : 0),
                    since.isBefore(old.since()) ? since : old.since(), fault.resource(), fault.detail()));
        }
    }

    synchronized void end(UUID id) {
        Wait old = waits.get(id);
        if (old == null) {
            return;
        }
        if (old.events() <= 1) {
            waits.remove(id);
        } else {
            waits.put(id, new Wait(old.events() - 1, old.since(), old.resource(), old.detail()));
        }
    }

    /** The experiments waited for right now (a copy). */
    public synchronized java.util.Set<UUID> experiments() {
        return java.util.Set.copyOf(waits.keySet());
    }

    public synchronized Optional<Wait> of(UUID id) {
        return Optional.ofNullable(waits.get(id));
    }
}
