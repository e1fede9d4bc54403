package io.blindspot.scoring.repository;

import io.blindspot.scoring.domain.RepositoryException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** The repositories' one transaction block. */
final class Transactions {
    private Transactions() {
    }

    /** Statements run in one transaction; may roll back part of its work itself and go on. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on a connection of {@code dataSource}: committed when it returns,
     * rolled back when it throws an {@link SQLException}; the connection's auto-commit is restored either way.
     *
     * @param what what the work does, for the message: "cannot store …"
     * @throws RepositoryException {@code what: the SQLException's message}, with it as the cause
     */
    static <T> T inTransaction(DataSource dataSource, Work<T> work, Supplier<String> what) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new RepositoryException(what.get() + ": " + e.getMessage(), e);
        }
    }
}
