package io.cohort.system;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The one policy every URL a tenant may configure passes (TPGateway and its OAuth token
 * URL, Moodle, outbound webhooks, analytics sources): an absolute {@code https} URL
 * (plain {@code http} only where the installation allows it) with a host, without
 * credentials, query or fragment, whose host resolves only to public addresses — never
 * loopback, unspecified, private, carrier-grade NAT, link-local (cloud metadata),
 * unique-local, multicast or reserved ones, unless the installation allows private
 * addresses (the local run, whose demo talks to the in-app simulators). It is checked
 * when a URL is saved ({@link #check}) and again right before every connection
 * ({@link #connectable}), so a host that resolved to a public address when saved and to
 * an internal one later (DNS rebinding) is refused too.
 */
public final class OutboundUrlPolicy {

	private final boolean allowHttp;

	private final boolean allowPrivate;

	private final Resolver resolver;

	/** Looks a host's addresses up; the JVM's resolver outside tests. */
	@FunctionalInterface
	public interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	public OutboundUrlPolicy(boolean allowHttp, boolean allowPrivate) {
		this(allowHttp, allowPrivate, InetAddress::getAllByName);
	}

	public OutboundUrlPolicy(boolean allowHttp, boolean allowPrivate, Resolver resolver) {
		this.allowHttp = allowHttp;
		this.allowPrivate = allowPrivate;
		this.resolver = resolver;
	}

	/** Why a URL may not be used. */
	public static final class Refused extends Exception {

		private static final long serialVersionUID = 1L;

		Refused(String message) {
			super(message);
		}

	}

	/**
	 * A URL about to be saved, checked in full: answers it as a {@link URI} without a
	 * trailing slash, or refuses it as a 400 field error on {@code field}.
	 */
	public URI check(String field, @Nullable String url) {
		try {
			URI uri = parse(url);
			connectable(uri);
			return uri;
		}
		catch (Refused ex) {
			throw CohortException.invalidField(field, ex.getMessage());
		}
	}

	/**
	 * Checks a request's URL right before a connection: its scheme, host and lack of
	 * credentials again (a request may carry a query), and every address its host
	 * resolves to now. The JVM keeps what it resolved for a while
	 * (networkaddress.cache.ttl, 30 s by default), so the connection that follows uses
	 * the addresses checked here.
	 */
	public void connectable(URI uri) throws Refused {
		target(uri);
		if (allowPrivate) {
			return;
		}
		String host = host(uri);
		InetAddress[] addresses;
		try {
			addresses = resolver.resolve(host);
		}
		catch (UnknownHostException ex) {
			throw new Refused("the host " + host + " does not resolve");
		}
		if (addresses.length == 0) {
			throw new Refused("the host " + host + " does not resolve");
		}
		for (InetAddress address : addresses) {
			if (internal(address)) {
				throw new Refused("the host " + host + " resolves to an internal address (" + address.getHostAddress()
						+ "), which this installation does not call");
			}
		}
	}

	private URI parse(@Nullable String url) throws Refused {
		String text = url == null ? "" : url.trim();
		if (text.isEmpty()) {
			throw new Refused("must be an absolute https URL");
		}
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw new Refused("is not a valid URL");
		}
		target(uri);
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new Refused("must not have a query or fragment");
		}
		String normalised = uri.toString();
		while (normalised.endsWith("/")) {
			normalised = normalised.substring(0, normalised.length() - 1);
		}
		return URI.create(normalised);
	}

	/**
	 * The scheme, host and user info of a URL: what decides where a request goes and as
	 * whom.
	 */
	private void target(URI uri) throws Refused {
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
			throw new Refused(allowHttp ? "must be an absolute http or https URL" : "must be an absolute https URL");
		}
		if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isBlank()) {
			throw new Refused("must name a host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new Refused("must not carry credentials (user:password@)");
		}
	}

	private static String host(URI uri) {
		String host = uri.getHost();
		return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
	}

	/**
	 * Whether an address belongs to this machine, a private network or a reserved range.
	 */
	static boolean internal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			return first == 0 // "this network"
					|| first == 100 && second >= 64 && second < 128 // carrier-grade NAT
					|| first == 192 && second == 0 && (b[2] & 0xff) == 0 // IETF protocol
																			// assignments
					|| first == 198 && (second == 18 || second == 19) // benchmarking
					|| first >= 240; // reserved and broadcast
		}
		if (address instanceof Inet6Address) {
			return (b[0] & 0xfe) == 0xfc // unique-local fc00::/7
					|| ipv4Embedded(b);
		}
		return true;
	}

	/** ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address; judged by that address. */
	private static boolean ipv4Embedded(byte[] b) {
		for (int i = 0; i < 10; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
		boolean compatible = b[10] == 0 && b[11] == 0;
		if (!mapped && !compatible) {
			return false;
		}
		try {
			return internal(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
		}
		catch (UnknownHostException ex) {
			return true;
		}
	}

}
