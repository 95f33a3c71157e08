package dev.reproserve.web;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTests {

	@Test
	void newIdsAreVersion4UuidsAndDoNotRepeat() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 100_000; i++) {
			String id = RequestIdFilter.newId();
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
			assertThat(uuid.toString()).isEqualTo(id);
			ids.add(id);
		}
		assertThat(ids).hasSize(100_000);
	}

}
