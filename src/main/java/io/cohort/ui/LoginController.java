package io.cohort.ui;

import io.cohort.identity.CurrentActor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page; the form posts to Spring Security's {@code POST /login}.
 */
@Controller
class LoginController {

	@GetMapping("/login")
	String login() {
		return CurrentActor.principal().isPresent() ? "redirect:/" : "login";
	}

}
