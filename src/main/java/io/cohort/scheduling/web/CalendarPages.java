package io.cohort.scheduling.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.cohort.identity.CurrentActor;
import io.cohort.scheduling.ClassRunManagement.ScheduledSession;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.TrainerManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The calendar of sessions, by month or by week (Monday first), rendered on the server as
 * a table; filtered by trainer and by venue; each session links to its run.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class CalendarPages {

	private final ClassRunManagement runs;

	private final TrainerManagement trainers;

	CalendarPages(ClassRunManagement runs, TrainerManagement trainers) {
		this.runs = runs;
		this.trainers = trainers;
	}

	/** One day of the grid with its sessions; days outside the month are greyed. */
	record Day(LocalDate date, boolean inPeriod, boolean today, List<ScheduledSession> sessions) {
	}

	@GetMapping("/calendar")
	String calendar(@RequestParam(defaultValue = "month") String view,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
			@RequestParam(required = false) @Nullable UUID trainer,
			@RequestParam(required = false) @Nullable String venue, Model model) {
		boolean week = "week".equals(view);
		LocalDate today = runs.today(CurrentActor.tenantId());
		LocalDate shown = date == null ? today : date;
		LocalDate periodStart = week ? shown.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
				: shown.withDayOfMonth(1);
		LocalDate periodEnd = week ? periodStart.plusDays(6) : shown.with(TemporalAdjusters.lastDayOfMonth());
		LocalDate gridStart = periodStart.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		LocalDate gridEnd = periodEnd.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
		List<ScheduledSession> all = runs.sessionsBetween(gridStart, gridEnd);
		String venueFilter = venue == null || venue.isBlank() ? null : venue.trim();
		Map<LocalDate, List<ScheduledSession>> byDay = all.stream()
			.filter(s -> trainer == null || trainer.equals(s.session().trainerId()))
			.filter(s -> venueFilter == null || venueFilter.equalsIgnoreCase(s.session().venue()))
			.collect(Collectors.groupingBy(s -> s.session().date()));
		List<List<Day>> weeks = new ArrayList<>();
		for (LocalDate monday = gridStart; !monday.isAfter(gridEnd); monday = monday.plusWeeks(1)) {
			List<Day> days = new ArrayList<>();
			for (int i = 0; i < 7; i++) {
				LocalDate day = monday.plusDays(i);
				days.add(new Day(day, !day.isBefore(periodStart) && !day.isAfter(periodEnd), day.equals(today),
						byDay.getOrDefault(day, List.of())));
			}
			weeks.add(days);
		}
		model.addAttribute("week", week);
		model.addAttribute("period", week ? "Week of " + periodStart
				: shown.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + shown.getYear());
		model.addAttribute("weeks", weeks);
		model.addAttribute("previous", week ? periodStart.minusWeeks(1) : periodStart.minusMonths(1));
		model.addAttribute("next", week ? periodStart.plusWeeks(1) : periodStart.plusMonths(1));
		model.addAttribute("shown", shown);
		model.addAttribute("today", today);
		model.addAttribute("trainers", trainers.list());
		model.addAttribute("venues",
				all.stream().map(s -> s.session().venue()).filter(v -> !v.isBlank()).distinct().sorted().toList());
		model.addAttribute("trainer", trainer);
		model.addAttribute("venue", venueFilter == null ? "" : venueFilter);
		model.addAttribute("sessionCount", byDay.values().stream().mapToInt(List::size).sum());
		return "scheduling/calendar";
	}

}
