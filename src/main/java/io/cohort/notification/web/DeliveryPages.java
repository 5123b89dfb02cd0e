package io.cohort.notification.web;

import java.util.Optional;

import io.cohort.notification.NotificationDelivery;
import io.cohort.notification.NotificationManagement;
import io.cohort.notification.NotificationStatus;
import io.cohort.shared.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The delivery log for staff (ADMIN, OPS): every message on every channel, newest first,
 * filtered by status, with its recipient, attempts and last error, the page of
 * {@code GET /api/v1/notifications/deliveries}.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class DeliveryPages {

	static final int PAGE_SIZE = 50;

	private final NotificationManagement notifications;

	DeliveryPages(NotificationManagement notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/notifications/deliveries")
	String deliveries(@RequestParam(required = false) @Nullable NotificationStatus status,
			@RequestParam(defaultValue = "0") int page, Model model) {
		int from = Math.max(0, page);
		PageView<NotificationDelivery> found = notifications.deliveries(status, from, PAGE_SIZE);
		model.addAttribute("statuses", NotificationStatus.values());
		model.addAttribute("status", status);
		model.addAttribute("found", found);
		model.addAttribute("previous", from > 0 ? link(status, from - 1) : null);
		model.addAttribute("next", (long) (from + 1) * PAGE_SIZE < found.total() ? link(status, from + 1) : null);
		return "notification/deliveries";
	}

	private static String link(@Nullable NotificationStatus status, int page) {
		return UriComponentsBuilder.fromPath("/notifications/deliveries")
			.queryParamIfPresent("status", Optional.ofNullable(status))
			.queryParam("page", page)
			.build()
			.toUriString();
	}

}
