package io.cohort.gateway.simulator;

/**
 * The calls the simulator received about one record (an enrolment: run and trainee; an
 * attendance: session and trainee), and the most of them it was handling at one moment.
 */
public record RecordCalls(int calls, int mostAtOnce) {
}
