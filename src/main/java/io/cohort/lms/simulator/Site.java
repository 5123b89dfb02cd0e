package io.cohort.lms.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/** One simulated Moodle site's state; every access holds its lock. */
final class Site {

	/** A misbehaviour on one coming call. */
	sealed interface Fault {

		/** Answer 503 and change nothing. */
		record Unavailable() implements Fault {
		}

		/**
		 * Hold the answer this long (past the client's timeout), then answer normally.
		 */
		record Stall(Duration stall) implements Fault {
		}

		/** Answer this Moodle error (HTTP 200) and change nothing. */
		record Error(String exception, String errorcode, String message) implements Fault {
		}

	}

	String token;

	final String name;

	final List<SimulatedUser> users = new ArrayList<>();

	final List<SimulatedCourse> courses = new ArrayList<>();

	final List<SimulatedEnrolment> enrolments = new ArrayList<>();

	final List<SimulatedRequest> requests = new ArrayList<>();

	final Deque<Fault> faults = new ArrayDeque<>();

	int races;

	int racesMet;

	int outagesServed;

	@Nullable Random random;

	double outages;

	double raceShare;

	long nextId = 2;

	Site(String name, String token) {
		this.name = name;
		this.token = token;
	}

	/** The fault armed or drawn for the coming call, if any. */
	@Nullable Fault nextFault() {
		Fault armed = faults.poll();
		if (armed != null) {
			return armed;
		}
		if (random != null && random.nextDouble() < outages) {
			outagesServed++;
			return new Fault.Unavailable();
		}
		return null;
	}

	/** Whether a user appears between this creation's search and the creation itself. */
	boolean race() {
		if (races > 0 || random != null && random.nextDouble() < raceShare) {
			races = Math.max(0, races - 1);
			racesMet++;
			return true;
		}
		return false;
	}

}
