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
 * What the deployment artefacts are checked against: the variables the README's
 * configuration table documents and the files under {@code deploy/}.
 */
final class DeploymentFacts {

	static final Path DEPLOY = Path.of("deploy");

	/** Variables every Cohort container must be given with an external database. */
	static final List<String> REQUIRED = List.of("COHORT_DB_URL", "COHORT_JWT_SECRET", "COHORT_PII_KEY",
			"COHORT_PUBLIC_URL");

	private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

	private DeploymentFacts() {
	}

	/** The variable names in the first column of the README's configuration table. */
	static Set<String> documentedVariables() {
		String readme = read(Path.of("README.md"));
		int start = readme.indexOf("## Configuration");
		int end = readme.indexOf("\n## ", start + 1);
		Set<String> names = new LinkedHashSet<>();
		for (String line : readme.substring(start, end).split("\n")) {
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
		return read(Path.of("README.md")).lines()
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
