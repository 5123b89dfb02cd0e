package io.cohort.shared;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param items the rows of this page
 * @param page zero-based page number
 * @param size the page size asked for
 * @param total how many rows there are in all
 */
public record PageView<T>(List<T> items, int page, int size, long total) {

	public PageView {
		items = List.copyOf(items);
	}

}
