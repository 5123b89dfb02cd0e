package io.cohort.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code cohort.http.max-body} (default 1 MB) with 413,
 * whether the client declares the length or streams it. Multipart uploads have their own,
 * larger limit, and so have the CRM webhooks under {@code /v1/sync/}
 * ({@code cohort.http.max-webhook-body}, default 16 MB: a batch of up to 5,000 Zoho
 * records).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long defaultLimit;

	private final long webhookLimit;

	RequestSizeLimitFilter(@Value("${cohort.http.max-body:1MB}") DataSize limit,
			@Value("${cohort.http.max-webhook-body:16MB}") DataSize webhookLimit) {
		this.defaultLimit = limit.toBytes();
		this.webhookLimit = webhookLimit.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
			chain.doFilter(request, response);
			return;
		}
		long limit = request.getRequestURI().startsWith(request.getContextPath() + "/v1/sync/") ? webhookLimit
				: defaultLimit;
		if (request.getContentLengthLong() > limit) {
			Problems.write(response,
					Problems.of(ProblemCode.PAYLOAD_TOO_LARGE, new PayloadTooLarge(limit).getMessage()));
			return;
		}
		chain.doFilter(new Limited(request, limit), response);
	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {

				private long read;

				@Override
				public int read() throws IOException {
					int b = in.read();
					if (b >= 0) {
						count(1);
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = in.read(buffer, offset, length);
					if (n > 0) {
						count(n);
					}
					return n;
				}

				private void count(int n) {
					read += n;
					if (read > limit) {
						throw new PayloadTooLarge(limit);
					}
				}

				@Override
				public boolean isFinished() {
					return in.isFinished();
				}

				@Override
				public boolean isReady() {
					return in.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					in.setReadListener(listener);
				}

			};
		}

	}

}
