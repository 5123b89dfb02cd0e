package io.cohort.system;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Honours {@code X-Forwarded-For} and {@code X-Forwarded-Proto} only when the connection
 * comes from a proxy listed in {@code COHORT_TRUSTED_PROXIES} (IPv4 and IPv6 CIDRs,
 * comma-separated; none by default). The client is the right-most forwarded address that
 * is not itself a trusted proxy, so a client cannot forge its address by sending the
 * header itself. Forwarded hosts are never honoured: public links come from
 * {@link PublicUrl}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class TrustedProxies extends OncePerRequestFilter {

	private final List<Cidr> proxies;

	TrustedProxies(@Value("${cohort.trusted-proxies:}") String proxies) {
		this.proxies = parse(proxies);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (proxies.isEmpty() || !trusted(request.getRemoteAddr())) {
			chain.doFilter(request, response);
			return;
		}
		String client = client(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For"));
		String proto = last(request.getHeaders("X-Forwarded-Proto"));
		chain.doFilter(new Forwarded(request, client, proto), response);
	}

	/**
	 * The client's address: the right-most forwarded address that is not a trusted proxy.
	 */
	String client(String peer, java.util.Enumeration<String> forwardedFor) {
		List<String> hops = new ArrayList<>();
		for (String header : java.util.Collections.list(forwardedFor)) {
			for (String hop : header.split(",")) {
				if (!hop.isBlank()) {
					hops.add(hop.trim());
				}
			}
		}
		String client = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			Optional<InetAddress> address = literal(hops.get(i));
			if (address.isEmpty()) {
				return client; // garbage from further out: trust nothing beyond it
			}
			client = address.get().getHostAddress();
			if (!trusted(address.get())) {
				return client;
			}
		}
		return client;
	}

	boolean trusted(String address) {
		return literal(address).map(this::trusted).orElse(false);
	}

	private boolean trusted(InetAddress address) {
		return proxies.stream().anyMatch(cidr -> cidr.contains(address));
	}

	private static @Nullable String last(java.util.Enumeration<String> headers) {
		String last = null;
		for (String header : java.util.Collections.list(headers)) {
			for (String value : header.split(",")) {
				if (!value.isBlank()) {
					last = value.trim().toLowerCase(Locale.ROOT);
				}
			}
		}
		return last;
	}

	/** Parses an IP literal without ever resolving a name. */
	static Optional<InetAddress> literal(String text) {
		String value = text.strip();
		if (value.startsWith("[") && value.endsWith("]")) {
			value = value.substring(1, value.length() - 1);
		}
		boolean ipv4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}")
				&& java.util.Arrays.stream(value.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
		boolean ipv6 = value.contains(":") && value.matches("[0-9A-Fa-f:.]+");
		if (!ipv4 && !ipv6) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByName(value));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

	static List<Cidr> parse(String proxies) {
		List<Cidr> parsed = new ArrayList<>();
		for (String entry : proxies.split(",")) {
			if (!entry.isBlank()) {
				parsed.add(Cidr.parse(entry.trim()));
			}
		}
		return List.copyOf(parsed);
	}

	/** One network in CIDR notation; a bare address is a network of one. */
	record Cidr(byte[] network, int prefix) {

		static Cidr parse(String text) {
			String[] parts = text.split("/", 2);
			InetAddress address = literal(parts[0]).orElseThrow(() -> new InvalidSetting("COHORT_TRUSTED_PROXIES: '"
					+ text + "' is not an IP address or CIDR such as 10.0.0.0/8 or fd00::/8"));
			int bits = address.getAddress().length * 8;
			int prefix;
			try {
				prefix = parts.length == 1 ? bits : Integer.parseInt(parts[1]);
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bits) {
				throw new InvalidSetting(
						"COHORT_TRUSTED_PROXIES: '" + text + "' has no valid prefix length (0-" + bits + ")");
			}
			return new Cidr(address.getAddress(), prefix);
		}

		boolean contains(InetAddress address) {
			byte[] candidate = address.getAddress();
			if (candidate.length != network.length) {
				return false;
			}
			int shift = network.length * 8 - prefix;
			return new BigInteger(1, candidate).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
		}

	}

	/**
	 * The request as the proxy received it: the client's address and, when told, the
	 * scheme.
	 */
	private static final class Forwarded extends HttpServletRequestWrapper {

		private final String client;

		private final @Nullable String proto;

		Forwarded(HttpServletRequest request, String client, @Nullable String proto) {
			super(request);
			this.client = client;
			this.proto = "https".equals(proto) || "http".equals(proto) ? proto : null;
		}

		@Override
		public String getRemoteAddr() {
			return client;
		}

		@Override
		public String getRemoteHost() {
			return client;
		}

		@Override
		public String getScheme() {
			return proto != null ? proto : super.getScheme();
		}

		@Override
		public boolean isSecure() {
			return proto != null ? proto.equals("https") : super.isSecure();
		}

		@Override
		public int getServerPort() {
			if (proto == null || proto.equals(super.getScheme())) {
				return super.getServerPort();
			}
			return proto.equals("https") ? 443 : 80;
		}

	}

}
