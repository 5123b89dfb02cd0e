package io.cohort.gateway.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Reads a paged TPGateway list to its end: page after page until one comes back short,
 * the first failure ending the read, and more than {@code maxPages} full pages an answer
 * refused rather than cut short.
 */
final class Paging {

	/** No limit on the pages read: the list ends when TPGateway says so. */
	static final int UNLIMITED = Integer.MAX_VALUE;

	private Paging() {
	}

	/**
	 * Every item of the list, {@code page} reading page n (from 0) of {@code pageSize};
	 * {@code tooMany} is the refusal's message when the pages run past {@code maxPages}.
	 */
	static <T> TpGatewayResult<List<T>> all(int pageSize, int maxPages, IntFunction<TpGatewayResult<List<T>>> page,
			String tooMany) {
		List<T> all = new ArrayList<>();
		for (int number = 0; number < maxPages; number++) {
			TpGatewayResult<List<T>> read = page.apply(number);
			if (!(read instanceof TpGatewayResult.Success<List<T>> found)) {
				return read;
			}
			all.addAll(found.value());
			if (found.value().size() < pageSize) {
				return new TpGatewayResult.Success<>(all);
			}
		}
		return new TpGatewayResult.Permanent<>(200, tooMany);
	}

}
