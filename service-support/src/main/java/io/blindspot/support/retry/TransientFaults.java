package io.blindspot.support.retry;

import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.contracts.store.ObjectStoreException;
import io.minio.errors.ErrorResponseException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a fault of a resource the event needs (database, object store, broker), which may pass if waited out,
 * from a fault of the event itself (bad payload, shapes that disagree, an object that is not there), which never
 * will. Only the first kind is retried ({@link Retrier}); the second goes to the dead-letter topic at once.
 *
 * <p>The rules, applied to the exception and every cause under it (wrappers such as {@code RepositoryException},
 * {@code CompletionException} or {@code ObjectStoreException} are looked through):
 * <ul>
 *   <li>database: an {@link SQLException} of SQLState class 08 (connection), 53 (insufficient resources:
 *       too many connections, out of memory or disk), 57 (operator intervention: shutdown, crash, cancelled query)
 *       or 40 (serialization failure, deadlock); {@link SQLTransientException} and {@link SQLRecoverableException};
 *       and the connection pool's own failures, which carry no SQLState: Agroal's acquisition timeout (all
 *       connections hung on a frozen server) and a closed pool (the service is stopping).</li>
 *   <li>object store: an {@link ObjectStoreException} other than {@link ObjectNotFoundException}, unless the
 *       store answered with a client error about the request (HTTP 4xx other than 401, 403, 408 and 429: bad
 *       request, conflict), which asking again does not change. Connection refused, time-outs and 5xx are
 *       transient, and so are 401/403: refused credentials are the deployment's fault, not the event's (a key
 *       rotated in the store before the services got the new one), and pass once it is mended.</li>
 *   <li>broker: Kafka's {@code RetriableException} (matched by name: this module does not depend on the Kafka
 *       client), e.g. a delivery time-out while the broker restarts.</li>
 *   <li>network: an {@link IOException} anywhere in the chain (connection refused or reset, socket time-out),
 *       except a parse error (Jackson's, a charset's), which is about the bytes.</li>
 * </ul>
 * Everything else is the event's fault.
 */
public final class TransientFaults {
    /** Which resource failed, and how. */
    public record Fault(String resource, String detail) {
        @Override
        public String toString() {
            return resource + ": " + detail;
        }
    }

    public static final String DATABASE = "database";
    public static final String OBJECT_STORE = "object store";
    public static final String BROKER = "kafka";
    public static final String NETWORK = "network";

    private static final String KAFKA_RETRIABLE = "org.apache.kafka.common.errors.RetriableException";

    private TransientFaults() {
    }

    /** The transient fault behind {@code error}, or empty when the error is the event's own. */
    public static Optional<Fault> classify(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String resource = null; // the outermost resource named on the way down, for the report
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ObjectNotFoundException) {
                return Optional.empty();
            }
            if (t instanceof ObjectStoreException) {
                if (clientError(t)) {
                    return Optional.empty();
                }
                return Optional.of(new Fault(OBJECT_STORE, message(error)));
            }
            if (t instanceof SQLException sql && transientSql(sql)) {
                return Optional.of(new Fault(DATABASE, message(error)));
            }
            if (isKafkaRetriable(t)) {
                return Optional.of(new Fault(BROKER, message(error)));
            }
            if (t instanceof SQLException && resource == null) {
                resource = DATABASE;
            }
            if (t instanceof IOException && !isParseError(t)) {
                return Optional.of(new Fault(resource == null ? NETWORK : resource, message(error)));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code error} is a transient fault (see the class comment). */
    public static boolean isTransient(Throwable error) {
        return classify(error).isPresent();
    }

    static boolean transientSql(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state != null && state.length() >= 2) {
            String sqlClass = state.substring(0, 2);
            return sqlClass.equals("08") || sqlClass.equals("53") || sqlClass.equals("57") || sqlClass.equals("40");
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        // Agroal: "Acquisition timeout while waiting for new connection"; "This pool is closed and does not handle
        // any more connections!"
        return message.contains("acquisition timeout") || message.contains("pool is closed");
    }

    /**
     * A 4xx answer of the store other than 401/403 (credentials: the deployment's fault), 408 (time-out) and 429
     * (slow down): asking again will not help.
     */
    private static boolean clientError(Throwable storeError) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = storeError; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ErrorResponseException e && e.response() != null) {
                int status = e.response().code();
                return status >= 400 && status < 500 && status != 401 && status != 403 && status != 408
                        && status != 429;
            }
        }
        return false;
    }

    /** Jackson's and the charset decoders' exceptions are IOExceptions, but about the bytes, not the network. */
    private static boolean isParseError(Throwable t) {
        return t.getClass().getName().startsWith("com.fasterxml.jackson.")
                || t instanceof java.nio.charset.CharacterCodingException;
    }

    private static boolean isKafkaRetriable(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (KAFKA_RETRIABLE.equals(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The first non-empty message down the chain (wrappers such as CompletionException often have the cause's). */
    static String message(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            // a wrapper that only repeats its cause (CompletionException: "java...TimeoutException: ...") says less
            boolean repeatsCause = t.getCause() != null && t.getCause().toString().equals(t.getMessage());
            if (t.getMessage() != null && !t.getMessage().isBlank() && !repeatsCause) {
                return t.getMessage();
            }
        }
        return error.getClass().getSimpleName();
    }
}
