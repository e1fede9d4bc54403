package io.blindspot.scoring.service;

/** No experiment carries this audit id (404). */
public class UnknownAuditException extends RuntimeException {
    public UnknownAuditException(String auditId) {
        // An audit exists only through its experiments, which scoring learns of through Kafka.
        super("unknown audit '" + auditId + "' (no experiment of it is registered yet, or it was never submitted)");
    }
}
