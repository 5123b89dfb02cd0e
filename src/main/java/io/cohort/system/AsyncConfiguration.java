package io.cohort.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Runs {@code @ApplicationModuleListener}s (which are {@code @Async}) on Boot's task
 * executor, after the change commits and off the request's thread, so that a request
 * never waits for its side effects.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class AsyncConfiguration {

}
