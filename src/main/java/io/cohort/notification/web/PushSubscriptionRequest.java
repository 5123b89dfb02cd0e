package io.cohort.notification.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A browser's {@code PushSubscription} as its {@code toJSON()} gives it: the push
 * service's endpoint and the keys to encrypt to ({@code expirationTime} is not needed).
 */
record PushSubscriptionRequest(@NotBlank @Size(max = 2000) String endpoint, @NotNull @Valid Keys keys) {

	/** The browser's P-256 key and 16-byte auth secret, Base64url. */
	record Keys(@NotBlank @Size(max = 200) String p256dh, @NotBlank @Size(max = 100) String auth) {
	}

}
