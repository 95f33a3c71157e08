package dev.reproserve.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerializationLockdownTests {

	@Test
	void javaDeserializationIsRefusedForEveryClassOnceABundleIsOpened() throws Exception {
		BundleCodec.open(dev.reproserve.support.TestModels.trainIris(1).bundle(), null);

		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new ArrayList<>(List.of("harmless")));
		}

		assertThat(SerializationLockdown.isInstalled()).isTrue();
		assertThatThrownBy(() -> new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject())
			.isInstanceOf(InvalidClassException.class)
			.hasMessageContaining("REJECTED");
	}

}
