package io.cohort.ui;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The page shown when a signed-in user's roles do not allow what they asked for.
 */
@Controller
class ForbiddenController {

	@RequestMapping("/forbidden")
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String forbidden() {
		return "forbidden";
	}

}
