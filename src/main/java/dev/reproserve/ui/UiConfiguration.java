package dev.reproserve.ui;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the page's files from {@code classpath:/ui/} at {@code /ui/} and the chart
 * library from its WebJar at {@code /webjars/} (version-free paths, resolved by
 * webjars-locator-lite). The page's own files are revalidated on every load, so a new
 * release is seen at once; a WebJar's path carries its version, so it may be cached.
 * Static resources are otherwise off ({@code spring.web.resources.add-mappings=false}):
 * nothing else on the classpath is served.
 */
@Configuration(proxyBeanMethods = false)
class UiConfiguration implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/ui/**")
			.addResourceLocations("classpath:/ui/")
			.setCacheControl(CacheControl.noCache())
			.resourceChain(false);
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(7)))
			.resourceChain(true);
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/ui", "/ui/");
		registry.addViewController("/ui/").setViewName("forward:/ui/index.html");
	}

}
