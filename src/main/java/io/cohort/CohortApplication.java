package io.cohort;

import io.cohort.system.StopSignal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Cohort, a training management system: one deployable modular monolith.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = { "shared", "system" })
public class CohortApplication {

	public static void main(String[] args) {
		StopSignal.exitZeroOnTerm();
		SpringApplication.run(CohortApplication.class, args);
	}

}
