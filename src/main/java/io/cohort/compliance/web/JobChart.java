package io.cohort.compliance.web;

import io.cohort.jobs.JobStatus;
import io.cohort.jobs.JobHistory;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's chart of outbound jobs by day, drawn on the server as an SVG of stacked
 * bars (no script): each bar is the jobs written that day, split by where they stand now.
 * Every segment has a title, and the same numbers are in a table beside it.
 */
record JobChart(List<Bar> bars, List<Band> bands, long max, int width, int height) {

	static final int BAR_WIDTH = 28;

	static final int GAP = 12;

	static final int PLOT_HEIGHT = 160;

	static final int AXIS = 40;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

	/**
	 * A status group of the chart, bottom to top, with its words and its colour class.
	 */
	enum Band {

		SYNCED("Synced", "bar-synced"), PENDING("Pending", "bar-pending"), RETRYING("Retrying", "bar-retrying"),
		DEAD("Dead", "bar-dead"), CANCELLED("Cancelled", "bar-cancelled");

		private final String label;

		private final String css;

		Band(String label, String css) {
			this.label = label;
			this.css = css;
		}

		public String label() {
			return label;
		}

		public String css() {
			return css;
		}

		static Band of(JobStatus status) {
			return switch (status) {
				case SUCCEEDED -> SYNCED;
				case PENDING, RUNNING -> PENDING;
				case RETRYING -> RETRYING;
				case DEAD -> DEAD;
				case CANCELLED -> CANCELLED;
			};
		}

	}

	/** One piece of a bar. */
	record Segment(Band band, long count, int y, int height, String title) {
	}

	/** One day's bar, at {@code x}, with its total and pieces. */
	record Bar(LocalDate day, String label, int x, long total, Map<Band, Long> counts, List<Segment> segments) {

		public long count(Band band) {
			return counts.getOrDefault(band, 0L);
		}

	}

	/** The last {@code days} days up to {@code today}, one bar each. */
	static JobChart of(List<JobHistory.DayCount> counts, LocalDate today, int days) {
		Map<LocalDate, Map<Band, Long>> byDay = new HashMap<>();
		for (JobHistory.DayCount count : counts) {
			byDay.computeIfAbsent(count.day(), d -> new EnumMap<>(Band.class))
				.merge(Band.of(count.status()), count.count(), Long::sum);
		}
		long max = Math.max(1,
				byDay.values()
					.stream()
					.mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum())
					.max()
					.orElse(0));
		List<Bar> bars = new ArrayList<>();
		for (int i = 0; i < days; i++) {
			LocalDate day = today.minusDays(days - 1L - i);
			Map<Band, Long> dayCounts = byDay.getOrDefault(day, Map.of());
			List<Segment> segments = new ArrayList<>();
			int bottom = PLOT_HEIGHT;
			long total = 0;
			for (Band band : Band.values()) {
				long n = dayCounts.getOrDefault(band, 0L);
				if (n == 0) {
					continue;
				}
				total += n;
				int height = (int) Math.max(1, Math.round(n * (double) PLOT_HEIGHT / max));
				bottom -= height;
				segments.add(new Segment(band, n, bottom, height,
						DAY.format(day) + ": " + n + " " + band.label().toLowerCase(Locale.ROOT)));
			}
			bars.add(new Bar(day, DAY.format(day), AXIS + i * (BAR_WIDTH + GAP), total, Map.copyOf(dayCounts),
					List.copyOf(segments)));
		}
		return new JobChart(List.copyOf(bars), List.of(Band.values()), max, AXIS + days * (BAR_WIDTH + GAP),
				PLOT_HEIGHT + 30);
	}

	public int barWidth() {
		return BAR_WIDTH;
	}

	public int plotHeight() {
		return PLOT_HEIGHT;
	}

	public boolean empty() {
		return bars.stream().allMatch(b -> b.total() == 0);
	}

}
