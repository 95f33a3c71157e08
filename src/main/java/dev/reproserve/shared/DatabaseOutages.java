package dev.reproserve.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the service behaves while its database is away, beyond the 503 that
 * {@link DatabaseFailures} decides: pooled connections checked as they are handed out,
 * and scheduled work that logs an outage as one warning.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseOutages {

	/**
	 * Every connection is checked when taken from the pool, however recently it was used:
	 * HikariCP skips the check within 500 ms of a connection's last use, and so handed
	 * requests connections that a database restart or {@code pg_terminate_backend} had
	 * closed (a 500 each, under load as many as the pool holds). A check is one round
	 * trip, and predictions never take a connection. Set before the pool's class loads;
	 * an explicit {@code -Dcom.zaxxer.hikari.aliveBypassWindowMs} wins.
	 */
	@Bean
	static BeanFactoryPostProcessor validateEveryPooledConnection() {
		return (beanFactory) -> {
			if (System.getProperty(HIKARI_ALIVE_BYPASS) == null) {
				System.setProperty(HIKARI_ALIVE_BYPASS, "0");
			}
		};
	}

	/**
	 * Scheduled work (alias and key re-reads, the job claimer, the orphan check) that
	 * finds the database away logs one WARN line and tries again on its next run: an
	 * outage is expected, and a stack trace at ERROR every few seconds would bury what
	 * matters.
	 */
	@Bean
	ThreadPoolTaskSchedulerCustomizer databaseOutagesAreWarnings() {
		return (scheduler) -> scheduler.setErrorHandler(DatabaseOutages::scheduledTaskFailed);
	}

	@Bean
	SimpleAsyncTaskSchedulerCustomizer databaseOutagesAreWarningsOnVirtualThreads() {
		return (scheduler) -> scheduler.setErrorHandler(DatabaseOutages::scheduledTaskFailed);
	}

	private static void scheduledTaskFailed(Throwable failure) {
		if (DatabaseFailures.isUnavailable(failure)) {
			log.warn("A scheduled task could not reach the database; it runs again on schedule: {}",
					failure.getMessage());
		}
		else {
			log.error("Unexpected error in a scheduled task", failure);
		}
	}

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutages.class);

	private static final String HIKARI_ALIVE_BYPASS = "com.zaxxer.hikari.aliveBypassWindowMs";

}
