package io.cohort.lms;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.lms.simulator.MoodleSimulator;
import io.cohort.lms.simulator.SimulatedSite;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connects a tenant to the Moodle simulator inside this application, for the local run's
 * demo tenant: its confirmed enrolments are then really provisioned, into courses whose
 * idnumbers are the demo runs' references. The simulator keeps its sites in memory, so
 * the site and its courses are made again on every start, under the token the tenant's
 * settings keep.
 */
@Service
public class LocalMoodle {

	static final String PATH = "/simulators/moodle/";

	/** The demo courses: idnumber (a demo run's reference), short name, full name. */
	static final List<String[]> COURSES = List.of(new String[] { "WSH-101-R01", "WSH-101", "Workplace Safety (R01)" },
			new String[] { "WSH-101-R02", "WSH-101b", "Workplace Safety (R02)" },
			new String[] { "DAF-201-R03", "DAF-201", "Data Analytics Fundamentals (R03)" },
			new String[] { "CSE-110-R07", "CSE-110", "Customer Service Excellence (R07)" });

	/** Moodle's student role on a fresh install. */
	static final long STUDENT_ROLE = 5;

	private final MoodleSimulator simulator;

	private final MoodleSettingsManagement settings;

	private final Environment environment;

	LocalMoodle(MoodleSimulator simulator, MoodleSettingsManagement settings, Environment environment) {
		this.simulator = simulator;
		this.settings = settings;
		this.environment = environment;
	}

	/**
	 * Whether the simulator answers here and the application knows the port it listens
	 * on.
	 */
	public boolean available() {
		return simulator.enabled() && environment.getProperty("local.server.port") != null;
	}

	/**
	 * Connects the current tenant (run as its ADMIN) to the simulated site named after
	 * it: when it has no Moodle settings yet, or they point at this simulator under
	 * another address, saves settings pointing here (audited). Settings an admin pointed
	 * elsewhere, or switched off, are left alone.
	 * @return whether the tenant now provisions its enrolments in the simulator
	 */
	@Transactional
	public boolean connect(String siteName) {
		UUID tenant = CurrentActor.tenantId();
		String url = baseUrl(siteName);
		MoodleSettingsManagement.MoodleSettingsView current = settings.get();
		if (current.configured()) {
			boolean ours = current.baseUrl() != null && current.baseUrl().contains(PATH);
			if (!ours || !current.enabled()) {
				return false;
			}
			if (url.equals(current.baseUrl())) {
				simulator.site(siteName, settings.connection(tenant).orElseThrow().token());
				courses(siteName);
				return true;
			}
		}
		SimulatedSite site = simulator.createSite(siteName);
		courses(siteName);
		settings.update(new MoodleSettingsManagement.SettingsChange(true, url, site.token(), STUDENT_ROLE, null));
		return true;
	}

	private void courses(String siteName) {
		COURSES.forEach(course -> simulator.addCourse(siteName, course[0], course[1], course[2]));
	}

	private String baseUrl(String siteName) {
		String port = Objects.requireNonNull(environment.getProperty("local.server.port"), "the server's port");
		@Nullable String contextPath = environment.getProperty("server.servlet.context-path");
		return "http://localhost:" + port + (contextPath == null ? "" : contextPath) + PATH + siteName;
	}

}
