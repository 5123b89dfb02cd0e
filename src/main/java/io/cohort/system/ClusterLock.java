package io.cohort.system;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Runs periodic work once across all instances. A pass runs only while its instance holds
 * the pass's PostgreSQL advisory lock (a session lock on a connection of its own, so a
 * killed instance lets go with its connection) and only when the pass's slot is free: it
 * last started, on any instance, at least 90% of its interval ago by the database's
 * clock. So with any number of instances each pass runs about once per interval, never
 * twice at a time.
 */
@Component
public class ClusterLock {

	/**
	 * A slot is free after this share of the interval, so timers that drift still fit.
	 */
	private static final double SLOT = 0.9;

	private final DataSource dataSource;

	private final String instance = ManagementFactory.getRuntimeMXBean().getName();

	ClusterLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Runs {@code pass} if no instance is running the pass called {@code name} and none
	 * started it within its {@code interval}; returns whether it ran here.
	 */
	public boolean runOnce(String name, Duration interval, Runnable pass) {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(true);
			if (!call(connection, "SELECT pg_try_advisory_lock(hashtext(?))", name)) {
				return false;
			}
			try {
				if (!claimSlot(connection, name, interval)) {
					return false;
				}
				pass.run();
				return true;
			}
			finally {
				call(connection, "SELECT pg_advisory_unlock(hashtext(?))", name);
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Cannot take the lock of the " + name + " pass", ex);
		}
	}

	private boolean claimSlot(Connection connection, String name, Duration interval) throws SQLException {
		try (PreparedStatement claim = connection.prepareStatement("""
				INSERT INTO periodic_pass (name, last_started_at, started_by) VALUES (?, now(), ?)
				ON CONFLICT (name) DO UPDATE SET last_started_at = now(), started_by = excluded.started_by
				WHERE periodic_pass.last_started_at <= now() - make_interval(secs => ?)""")) {
			claim.setString(1, name);
			claim.setString(2, instance);
			claim.setDouble(3, interval.toMillis() * SLOT / 1000.0);
			return claim.executeUpdate() == 1;
		}
	}

	private static boolean call(Connection connection, String sql, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, name);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

}
