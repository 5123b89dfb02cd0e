package io.cohort.system;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the HTTP requests this instance is serving, so that background work yields to
 * them: {@link #awaitQuiet(Duration)} waits until none is in flight, but no longer than
 * the bound it is given, so that the work still moves on under constant load. Background
 * work calls it between its units, never inside a transaction (ADR 38).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestActivity extends OncePerRequestFilter {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition quiet = lock.newCondition();

	private int inFlight;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		started();
		try {
			chain.doFilter(request, response);
		}
		finally {
			finished();
		}
	}

	void started() {
		lock.lock();
		try {
			inFlight++;
		}
		finally {
			lock.unlock();
		}
	}

	void finished() {
		lock.lock();
		try {
			if (--inFlight == 0) {
				quiet.signalAll();
			}
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Waits until no request is in flight, or for {@code atMost}, whichever comes first.
	 * @return whether no request was in flight when it returned
	 */
	public boolean awaitQuiet(Duration atMost) {
		long left = atMost.toNanos();
		lock.lock();
		try {
			while (inFlight > 0) {
				if (left <= 0) {
					return false;
				}
				left = quiet.awaitNanos(left);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			lock.unlock();
		}
	}

}
