package dev.reproserve.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Installs {@link ProblemReportValve} as the host's error report valve, in place of the
 * HTML one Tomcat and Spring Boot put there, so that what Tomcat refuses on its own is
 * answered as problem+json too. Runs after Spring Boot's own customizer, which adds its
 * valve to the same pipeline.
 */
@Configuration(proxyBeanMethods = false)
class TomcatErrorReports {

	@Bean
	ProblemReportValveCustomizer problemReportValve() {
		return new ProblemReportValveCustomizer();
	}

	/** Lowest precedence: after Spring Boot's customizer has added its valve. */
	static final class ProblemReportValveCustomizer
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers((context) -> replaceErrorReportValve(context.getParent()));
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	static void replaceErrorReportValve(Container host) {
		for (Valve valve : host.getPipeline().getValves()) {
			if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
				host.getPipeline().removeValve(valve);
			}
		}
		if (host instanceof StandardHost standard) {
			// What the host adds at start unless a valve of this class is there already.
			standard.setErrorReportValveClass(ProblemReportValve.class.getName());
		}
		boolean present = false;
		for (Valve valve : host.getPipeline().getValves()) {
			present |= valve instanceof ProblemReportValve;
		}
		if (!present) {
			host.getPipeline().addValve(new ProblemReportValve());
		}
	}

}
