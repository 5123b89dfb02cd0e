package io.cohort.ui;

import io.cohort.identity.CurrentActor;
import io.cohort.identity.PasswordResets;
import io.cohort.system.Installation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page; the form posts to Spring Security's {@code POST /login}. With demo
 * data on, it names the demo accounts so that a newcomer can try each role; when the
 * installation sends mail, it links to the forgotten-password page.
 */
@Controller
class LoginController {

	private final Installation installation;

	private final PasswordResets resets;

	LoginController(Installation installation, PasswordResets resets) {
		this.installation = installation;
		this.resets = resets;
	}

	@GetMapping("/login")
	String login(Model model) {
		if (CurrentActor.principal().isPresent()) {
			return "redirect:/";
		}
		model.addAttribute("demo", installation.demoData());
		model.addAttribute("passwordReset", resets.available());
		return "login";
	}

}
