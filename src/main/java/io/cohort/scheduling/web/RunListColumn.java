package io.cohort.scheduling.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.scheduling.ClassRunView;
import org.springframework.modulith.NamedInterface;

/**
 * A column another module adds to the list of class runs (the enrolment module adds each
 * run's waitlist), so scheduling never depends on it (ADR 34).
 */
@NamedInterface("run-page")
public interface RunListColumn {

	/** The column's heading. */
	String heading();

	/**
	 * The column's value for each run of one page of the list, by run id; a run left out
	 * shows an empty cell.
	 */
	Map<UUID, String> values(List<ClassRunView> runs);

}
