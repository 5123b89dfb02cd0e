// Cohort's service worker: shows each push message (title and text, decrypted by the browser)
// and opens the page it names, on this site only, when the notification is clicked.
self.addEventListener("push", function (event) {
	var data = {};
	if (event.data) {
		try {
			data = event.data.json();
		} catch (e) {
			data = { body: event.data.text() };
		}
	}
	event.waitUntil(self.registration.showNotification(data.title || "Cohort", {
		body: data.body || "",
		tag: data.id,
		icon: "/favicon.svg",
		data: { url: data.url || "/my/notifications" }
	}));
});

self.addEventListener("notificationclick", function (event) {
	event.notification.close();
	var url = new URL((event.notification.data && event.notification.data.url) || "/my/notifications",
		self.location.origin);
	if (url.origin !== self.location.origin) {
		url = new URL("/my/notifications", self.location.origin);
	}
	event.waitUntil(self.clients.openWindow(url.href));
});
