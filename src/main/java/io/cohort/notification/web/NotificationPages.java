package io.cohort.notification.web;

import java.util.UUID;

import io.cohort.notification.NotificationManagement;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The learner's "My messages" page: the in-app messages with the unread count, each to
 * mark read, and the button that subscribes this browser to PUSH.
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
		model.addAttribute("pushKey",
				inbox != null && notifications.pushOn() ? notifications.pushKey().publicKey() : null);
		return "notification/mine";
	}

	/**
	 * The page's "Turn on notifications on this device": the browser's subscription,
	 * posted by /js/push.js with the session and its CSRF token. Not part of the API
	 * (hidden from its documentation): the API's own is
	 * {@code POST /api/v1/notifications/push-subscriptions}.
	 */
	@Hidden
	@PostMapping("/my/notifications/push-subscriptions")
	@ResponseBody
	@ResponseStatus(HttpStatus.CREATED)
	NotificationManagement.PushSubscriptionView subscribePush(@Valid @RequestBody PushSubscriptionRequest request) {
		return notifications.subscribePush(request.endpoint(), request.keys().p256dh(), request.keys().auth());
	}

	@PostMapping("/my/notifications/{id}/read")
	String read(@PathVariable UUID id) {
		notifications.markRead(id);
		return "redirect:/my/notifications";
	}

}
