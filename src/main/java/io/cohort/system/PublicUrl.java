package io.cohort.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The address people reach Cohort at ({@code COHORT_PUBLIC_URL}): every link that leaves
 * the system (certificate verification, check-in QR codes, mails) is built from it, never
 * from the request's {@code Host} or forwarded headers. Required with an external
 * database; locally it defaults to {@code http://localhost:<port>}. When it is
 * {@code https}, the session cookie is always Secure.
 */
@Component
public class PublicUrl implements DefaultCookieSerializerCustomizer {

	private final @Nullable URI configured;

	private final Environment environment;

	PublicUrl(Installation installation, Environment environment,
			@Value("${cohort.public-url:}") @Nullable String publicUrl) {
		this.environment = environment;
		this.configured = publicUrl == null || publicUrl.isBlank() ? null : parse(publicUrl.trim());
		if (this.configured == null && !installation.local()) {
			throw new InvalidSetting("COHORT_PUBLIC_URL is required when an external database is configured "
					+ "(the https address people reach Cohort at, such as https://training.example.com)");
		}
	}

	/** The base address, without a trailing slash. */
	public String base() {
		if (configured != null) {
			return configured.toString();
		}
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		return "http://localhost:" + port;
	}

	/** A builder for an absolute public link: add the path and query. */
	public UriComponentsBuilder builder() {
		return UriComponentsBuilder.fromUriString(base());
	}

	boolean https() {
		return configured != null && "https".equals(configured.getScheme());
	}

	@Override
	public void customize(DefaultCookieSerializer cookies) {
		if (https()) {
			cookies.setUseSecureCookie(true);
		}
	}

	static URI parse(String value) {
		URI uri;
		try {
			uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
		}
		catch (URISyntaxException ex) {
			throw new InvalidSetting("COHORT_PUBLIC_URL is not a valid URL: " + ex.getMessage(), ex);
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawQuery() != null
				|| uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
			throw new InvalidSetting(
					"COHORT_PUBLIC_URL must be an http(s) URL with a host and no query, such as https://training.example.com");
		}
		return uri;
	}

}
