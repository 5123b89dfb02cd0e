package io.cohort.testing;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's API endpoints as Spring MVC knows them, so that tests which must
 * cover every endpoint fail when one is added without being added to their table.
 */
public final class Endpoints {

	public static final String API_PREFIX = "/api/v1";

	private Endpoints() {
	}

	/** One endpoint, such as {@code PATCH /api/v1/users/{id}}. */
	public record Endpoint(String method, String pattern) implements Comparable<Endpoint> {

		public static Endpoint of(String endpoint) {
			String[] parts = endpoint.split(" ", 2);
			return new Endpoint(parts[0], parts[1]);
		}

		@Override
		public int compareTo(Endpoint other) {
			return toString().compareTo(other.toString());
		}

		@Override
		public String toString() {
			return method + " " + pattern;
		}

	}

	/**
	 * Every handler mapping under {@code /api/v1}; a mapping without a method counts as
	 * {@code ANY}.
	 */
	public static Set<Endpoint> discover(RequestMappingHandlerMapping mapping) {
		Set<Endpoint> endpoints = new TreeSet<>();
		for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				if (!pattern.equals(API_PREFIX) && !pattern.startsWith(API_PREFIX + "/")) {
					continue;
				}
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				if (methods.isEmpty()) {
					endpoints.add(new Endpoint("ANY", pattern));
				}
				methods.forEach(method -> endpoints.add(new Endpoint(method.name(), pattern)));
			}
		}
		return endpoints;
	}

	/** Fails unless the table covers exactly the endpoints the application serves. */
	public static void assertCovers(Set<Endpoint> table, RequestMappingHandlerMapping mapping, String what) {
		Set<Endpoint> served = discover(mapping);
		assertThat(served).as("endpoints found under %s", API_PREFIX).isNotEmpty();
		assertThat(new TreeSet<>(table))
			.as("%s must list every %s endpoint: add the missing ones (and drop the ones that are gone)", what,
					API_PREFIX)
			.containsExactlyElementsOf(served);
	}

}
