package dev.reproserve.support;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points a Spring test context at the run's throwaway database, and configures the run's
 * SQL sources ({@link TestSources}) as the service's {@code reproserve.sources}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

	@Bean
	DataSource dataSource() {
		TestDatabase database = TestDatabase.shared();
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(database.jdbcUrl());
		dataSource.setUsername(database.username());
		dataSource.setPassword(database.password());
		dataSource.setMaximumPoolSize(10);
		return dataSource;
	}

	@Bean
	static DynamicPropertyRegistrar testSqlSources() {
		return (registry) -> TestSources.shared()
			.properties()
			.forEach((name, value) -> registry.add(name, () -> value));
	}

}
