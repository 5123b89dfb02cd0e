package io.cohort.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the deployment artefacts are checked against: the variables the configuration
 * reference's table documents and the files under {@code deploy/}.
 */
final class DeploymentFacts {

	static final Path DEPLOY = Path.of("deploy");

	/** The configuration reference the README points to, with its table of variables. */
	static final Path CONFIGURATION = Path.of("docs", "configuration.md");

	/** Variables every Cohort container must be given with an external database. */
	static final List<String> REQUIRED = List.of("COHORT_DB_URL", "COHORT_JWT_SECRET", "COHORT_PII_KEY",
			"COHORT_PUBLIC_URL");

	private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

	private DeploymentFacts() {
	}

	/** The variable names in the first column of the configuration table. */
	static Set<String> documentedVariables() {
		Set<String> names = new LinkedHashSet<>();
		for (String line : read(CONFIGURATION).split("\n")) {
			if (line.startsWith("| `")) {
				Matcher matcher = NAME.matcher(line.split("\\|")[1]);
				while (matcher.find()) {
					names.add(matcher.group(1));
				}
			}
		}
		return names;
	}

	/** The documented default of a variable, as the table's second column gives it. */
	static String documentedDefault(String variable) {
		return read(CONFIGURATION).lines()
			.filter(line -> line.startsWith("| `" + variable + "`"))
			.map(line -> line.split("\\|")[2].trim().replace("`", ""))
			.findFirst()
			.orElseThrow();
	}

	static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
