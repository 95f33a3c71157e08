package dev.reproserve.datasets;

import org.junit.jupiter.api.Test;

import dev.reproserve.datasets.internal.SqlSources;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code reproserve.sources.<name>.*} is read: the sources by name with their limits,
 * a bad setting refused at startup with the property named, no connection opened before
 * the first query, and never the password in what is printed.
 */
class SqlSourcesPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Sources.class);

	@Test
	void readsEachSourceByNameWithItsLimitsWithoutConnecting() {
		this.runner
			.withPropertyValues("reproserve.sources.warehouse.url=jdbc:postgresql://127.0.0.1:1/nowhere",
					"reproserve.sources.warehouse.user=reader", "reproserve.sources.warehouse.password=s3cret",
					"reproserve.sources.shop.url=jdbc:mariadb://127.0.0.1:1/shop?password=inurl",
					"reproserve.sources.shop.statement-timeout=1500ms", "reproserve.sources.shop.max-rows=10")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SqlSources.class).names()).containsExactly("shop", "warehouse");
				SqlSourcesProperties properties = context.getBean(SqlSourcesProperties.class);
				SqlSourcesProperties.Source warehouse = properties.sources().get("warehouse");
				assertThat(warehouse.login()).isEqualTo("reader");
				assertThat(warehouse.statementTimeoutSeconds()).isEqualTo(30);
				assertThat(warehouse.maxRows()).isEqualTo(1_000_000);
				SqlSourcesProperties.Source shop = properties.sources().get("shop");
				assertThat(shop.statementTimeoutSeconds()).isEqualTo(2);
				assertThat(shop.maxRows()).isEqualTo(10);
				assertThat(properties.toString()).doesNotContain("s3cret", "inurl");
			});
	}

	@Test
	void refusesAnotherDatabaseOrTwoLoginsAtStartup() {
		this.runner.withPropertyValues("reproserve.sources.lake.url=jdbc:h2:mem:lake")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("sources[lake].url")
				.hasMessageContaining("must be a jdbc:postgresql: or jdbc:mariadb: URL"));
		this.runner
			.withPropertyValues("reproserve.sources.lake.url=jdbc:postgresql://h/db", "reproserve.sources.lake.user=a",
					"reproserve.sources.lake.username=b")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("username and user are both set"));
	}

	@Test
	void refusesASourceNameAnEnvironmentVariableCannotSet() {
		this.runner.withPropertyValues("reproserve.sources.my-db.url=jdbc:postgresql://h/db")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("reproserve.sources.my-db")
				.hasMessageContaining("lower-case letters and digits"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SqlSourcesProperties.class)
	@Import(SqlSources.class)
	static class Sources {

	}

}
