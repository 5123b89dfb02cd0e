package io.cohort.ui;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The HTML side of {@code /error} (failures outside any controller, in filters or the
 * container): a browser asking for {@code text/html} gets the {@link ErrorPage}, every
 * other caller the system module's problem.
 */
@Controller
class ErrorPageController {

	@RequestMapping(path = "/error", produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView error(HttpServletRequest request, HttpServletResponse response) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
		if (status.is2xxSuccessful()) {
			status = HttpStatus.NOT_FOUND;
		}
		return ErrorPage.render(response, status, null);
	}

}
