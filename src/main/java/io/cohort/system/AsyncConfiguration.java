package io.cohort.system;

import java.lang.reflect.Method;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Runs {@code @ApplicationModuleListener}s (which are {@code @Async}) on Boot's task
 * executor, after the change commits and off the request's thread, so that a request
 * never waits for its side effects. A listener that fails is logged once, at WARN with
 * its stack trace, by {@link #getAsyncUncaughtExceptionHandler()}: Spring Modulith's own
 * line about it (INFO, message only) is turned down in {@code application.yml}, and
 * Spring's default handler would add a second, at ERROR (GH-11).
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class AsyncConfiguration implements AsyncConfigurer {

	private static final Logger log = LoggerFactory.getLogger(AsyncConfiguration.class);

	/**
	 * WARN, not ERROR: a durable listener's event publication stays incomplete and is
	 * resubmitted (every {@code cohort.events.resubmit-interval}, or by an admin), so the
	 * failure is not lost.
	 */
	@Override
	public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
		return AsyncConfiguration::failed;
	}

	private static void failed(Throwable ex, Method method, Object... params) {
		log.warn("Listener {}.{} failed; its event publication stays incomplete until resubmitted",
				method.getDeclaringClass().getSimpleName(), method.getName(), ex);
	}

}
