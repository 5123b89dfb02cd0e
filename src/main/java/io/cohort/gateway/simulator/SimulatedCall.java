package io.cohort.gateway.simulator;

/** The API calls the simulator answers, to aim a fault at one of them. */
public enum SimulatedCall {

	PUBLISH_RUNS, CREATE_ENROLMENT, SEARCH_ENROLMENTS, UPLOAD_ATTENDANCE, LIST_SESSIONS

}
