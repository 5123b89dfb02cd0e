// "Turn on notifications on this device" (My messages): registers the service worker, subscribes
// this browser with Cohort's public VAPID key and posts the subscription with the page's CSRF token.
(function () {
	var button = document.getElementById("push-on");
	var status = document.getElementById("push-status");
	if (!button || !status) {
		return;
	}
	if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
		status.textContent = "This browser cannot show notifications from Cohort.";
		return;
	}
	button.hidden = false;

	function bytes(base64url) {
		var base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
		var raw = atob(base64 + "===".slice((base64.length + 3) % 4));
		var out = new Uint8Array(raw.length);
		for (var i = 0; i < raw.length; i++) {
			out[i] = raw.charCodeAt(i);
		}
		return out;
	}

	button.addEventListener("click", function () {
		button.disabled = true;
		status.textContent = "Turning notifications on…";
		Notification.requestPermission().then(function (permission) {
			if (permission !== "granted") {
				throw new Error("Notifications are blocked for this site in the browser's settings.");
			}
			return navigator.serviceWorker.register(button.dataset.worker).then(function () {
				return navigator.serviceWorker.ready;
			});
		}).then(function (registration) {
			return registration.pushManager.getSubscription().then(function (existing) {
				return existing || registration.pushManager.subscribe({
					userVisibleOnly: true,
					applicationServerKey: bytes(button.dataset.key)
				});
			});
		}).then(function (subscription) {
			var json = subscription.toJSON();
			var headers = { "Content-Type": "application/json" };
			var token = document.querySelector("meta[name='_csrf']");
			var header = document.querySelector("meta[name='_csrf_header']");
			if (token && header) {
				headers[header.getAttribute("content")] = token.getAttribute("content");
			}
			return fetch(button.dataset.url, {
				method: "POST",
				headers: headers,
				credentials: "same-origin",
				body: JSON.stringify({ endpoint: json.endpoint, keys: json.keys })
			});
		}).then(function (response) {
			if (!response.ok) {
				throw new Error("Cohort refused this device (" + response.status + ").");
			}
			status.textContent = "Notifications are on for this device.";
		}).catch(function (error) {
			status.textContent = (error && error.message) || "Could not turn notifications on.";
			button.disabled = false;
		});
	});
})();
