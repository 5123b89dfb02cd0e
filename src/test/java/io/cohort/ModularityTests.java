package io.cohort;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Verifies the module structure and writes the module diagrams and canvases to
 * docs/architecture.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(CohortApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/architecture"))
			.writeDocumentation();
	}

}
