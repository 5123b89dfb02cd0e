package io.cohort.notification.web;

import java.util.UUID;

import io.cohort.notification.NotificationManagement;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The learner's "My messages" page: the in-app messages with the unread count, each to
 * mark read.
 */
@Controller
@PreAuthorize("hasRole('LEARNER')")
class NotificationPages {

	private final NotificationManagement notifications;

	NotificationPages(NotificationManagement notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/my/notifications")
	String mine(Model model) {
		NotificationManagement.Inbox inbox = notifications.inbox().orElse(null);
		model.addAttribute("hasProfile", inbox != null);
		model.addAttribute("unread", inbox == null ? 0 : inbox.unread());
		model.addAttribute("items", inbox == null ? java.util.List.of() : inbox.items());
		return "notification/mine";
	}

	@PostMapping("/my/notifications/{id}/read")
	String read(@PathVariable UUID id) {
		notifications.markRead(id);
		return "redirect:/my/notifications";
	}

}
