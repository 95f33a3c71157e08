package dev.reproserve.serving.web;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * {@code http.server.requests} for the predict routes, the same timer with the same tags
 * as Spring's observation gives every other request ({@code error}, {@code exception},
 * {@code method}, {@code outcome}, {@code status}, {@code uri}, and
 * {@code http.server.requests.active} while it runs), recorded on meters looked up once
 * per tag combination instead of an observation built, converted to key values and
 * registered again on every request: that cost an eighth of a prediction's time on the
 * server (JFR, bench/README.md). The observation itself is turned off for these requests
 * only; with a tracing bridge on the class path, predict requests would have no span.
 */
@Configuration(proxyBeanMethods = false)
class PredictRequestMetrics {

	static final String NAME = "http.server.requests";

	@Bean
	ObservationPredicate noObservationOfPredictRequests() {
		return (name, context) -> !(NAME.equals(name) && context instanceof ServerRequestObservationContext request
				&& isPredict(request.getCarrier()));
	}

	@Bean
	PredictMetricsFilter predictMetricsFilter(MeterRegistry meters) {
		return new PredictMetricsFilter(meters);
	}

	static boolean isPredict(HttpServletRequest request) {
		return "POST".equals(request.getMethod())
				&& PredictRoutes.route(request.getRequestURI(), request.getContextPath()) != null;
	}

	/**
	 * Where Spring's observation filter runs: outside security, so refusals count too.
	 */
	static final class PredictMetricsFilter extends OncePerRequestFilter implements Ordered {

		private final MeterRegistry meters;

		private final LongTaskTimer active;

		private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

		PredictMetricsFilter(MeterRegistry meters) {
			this.meters = meters;
			// The tags Spring's observation has when it starts, before anything is known.
			this.active = LongTaskTimer.builder(NAME + ".active")
				.tags(Tags.of("exception", "none", "method", "POST", "outcome", "SUCCESS", "status", "200", "uri",
						"UNKNOWN"))
				.register(meters);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE + 1;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !isPredict(request);
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			long started = System.nanoTime();
			LongTaskTimer.Sample running = this.active.start();
			Throwable escaped = null;
			try {
				chain.doFilter(request, response);
			}
			catch (IOException | ServletException | RuntimeException | Error ex) {
				escaped = ex;
				throw ex;
			}
			finally {
				running.stop();
				int status = (escaped != null && response.getStatus() < 400) ? 500 : response.getStatus();
				Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
				Key key = new Key(uri((pattern instanceof String p) ? p : null, status), status,
						(escaped != null) ? escaped.getClass().getSimpleName() : "none");
				this.timers.computeIfAbsent(key, this::timer).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			}
		}

		private Timer timer(Key key) {
			return Timer.builder(NAME)
				.tags(Tags.of("error", key.exception(), "exception", key.exception(), "method", "POST", "outcome",
						Outcome.forStatus(key.status()).name(), "status", String.valueOf(key.status()), "uri",
						key.uri()))
				.register(this.meters);
		}

		/** As Spring's default convention names the URI of a request. */
		private static String uri(@Nullable String pattern, int status) {
			if (pattern != null) {
				return pattern;
			}
			if (status >= 300 && status < 400) {
				return "REDIRECTION";
			}
			return (status == 404) ? "NOT_FOUND" : "UNKNOWN";
		}

		private record Key(String uri, int status, String exception) {
		}

	}

}
