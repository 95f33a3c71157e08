package dev.reproserve.bundle;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import org.tribuo.classification.protos.TribuoClassificationCore;
import org.tribuo.classification.sgd.protos.TribuoClassificationSgd;
import org.tribuo.common.sgd.protos.TribuoCommonSgd;
import org.tribuo.common.sgd.protos.TribuoSgd;
import org.tribuo.common.tree.protos.TribuoTree;
import org.tribuo.common.xgboost.protos.TribuoXgboost;
import org.tribuo.math.protos.TribuoMath;
import org.tribuo.math.protos.TribuoMathImpl;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.protos.core.TribuoCore;
import org.tribuo.protos.core.TribuoCoreImpl;
import org.tribuo.regression.protos.TribuoRegressionCore;
import org.tribuo.regression.rtree.protos.TribuoRegressionTree;
import org.tribuo.regression.sgd.protos.TribuoRegressionSgd;

/**
 * Reads a Tribuo {@link ModelProto} as plain protobuf data, without letting Tribuo
 * instantiate anything: every nested {@code google.protobuf.Any} is unpacked with
 * Tribuo's own descriptors into a {@link DynamicMessage}. One walk yields both
 * <ul>
 * <li>every class name the file asks Tribuo or olcut to load, for the allow-list check
 * that must happen before {@code Model.deserialize} (which calls {@code Class.forName});
 * and</li>
 * <li>the canonical model fingerprint: SHA-256 over the walk in field-number order, with
 * map entries sorted and every olcut provenance message left out. Provenance carries the
 * training time and data source timestamps, and protobuf map order is not stable, so the
 * raw bytes differ between two identical trainings; the fingerprint does not.</li>
 * </ul>
 * A message type that is not in the known descriptors refuses the file: an unknown type
 * cannot be checked.
 * <p>
 * Opaque {@code bytes} fields are hashed as they are. The one such field in the model
 * families served here is XGBoost's booster, in XGBoost's own binary model format
 * ({@code Booster.toByteArray()}): it holds the trees and the objective's parameters but
 * no thread count, timestamp or path, and was measured to be the same bytes for two
 * trainings with the same seed, with 1 or 2 training threads, in two processes and on
 * Java 17 and 25 (see {@code TrainerDeterminismTests}), so it needs no canonical form.
 */
final class ModelProtoInspector {

	private static final String ANY = "google.protobuf.Any";

	private static final String MODEL = "tribuo.core.ModelProto";

	private static final String PROVENANCE_PACKAGE = "olcut.";

	private static final int MAX_DEPTH = 200;

	private static final Map<String, Descriptor> TYPES = knownTypes(TribuoCore.getDescriptor(),
			TribuoCoreImpl.getDescriptor(), TribuoMath.getDescriptor(), TribuoMathImpl.getDescriptor(),
			TribuoClassificationCore.getDescriptor(), TribuoRegressionCore.getDescriptor(), TribuoSgd.getDescriptor(),
			TribuoCommonSgd.getDescriptor(), TribuoClassificationSgd.getDescriptor(),
			TribuoRegressionSgd.getDescriptor(), TribuoTree.getDescriptor(), TribuoRegressionTree.getDescriptor(),
			TribuoXgboost.getDescriptor());

	private ModelProtoInspector() {
	}

	/**
	 * Walks a model proto.
	 * @throws InvalidBundleException if a nested message cannot be parsed or has an
	 * unknown type
	 */
	static Inspection inspect(ModelProto proto) {
		Walk walk = new Walk();
		walk.message(proto, 0, false);
		return new Inspection(List.copyOf(walk.classNames), List.copyOf(walk.modelClassNames),
				HexFormat.of().formatHex(Sha256.digest().digest(walk.canonical.toByteArray())));
	}

	/**
	 * What a walk found.
	 *
	 * @param classNames every class name in the file, models and provenance alike, in
	 * walk order
	 * @param modelClassNames the class of every model in the file: the top-level one and
	 * those nested in it (ensemble members)
	 * @param fingerprint the canonical model fingerprint
	 */
	record Inspection(List<String> classNames, List<String> modelClassNames, String fingerprint) {
	}

	private static final class Walk {

		private final Set<String> classNames = new LinkedHashSet<>();

		private final Set<String> modelClassNames = new LinkedHashSet<>();

		private final ByteArrayOutputStream canonical = new ByteArrayOutputStream();

		void message(Message message, int depth, boolean provenance) {
			write(this.canonical, message, depth, provenance);
		}

		private void write(ByteArrayOutputStream target, Message message, int depth, boolean provenance) {
			if (depth > MAX_DEPTH) {
				throw InvalidBundleException.because(InvalidBundleException.Kind.MODEL,
						"the model file nests messages deeper than " + MAX_DEPTH);
			}
			Descriptor type = message.getDescriptorForType();
			if (ANY.equals(type.getFullName())) {
				message = unpack(message);
				type = message.getDescriptorForType();
			}
			DataOutputStream out = new DataOutputStream(target);
			try {
				out.writeUTF(type.getFullName());
				for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
					FieldDescriptor field = entry.getKey();
					boolean skip = provenance || isProvenance(field);
					if (!skip) {
						out.writeInt(field.getNumber());
					}
					ByteArrayOutputStream fieldTarget = skip ? new ByteArrayOutputStream() : target;
					if (field.isMapField()) {
						mapField(fieldTarget, (List<?>) entry.getValue(), depth, skip);
					}
					else if (field.isRepeated()) {
						List<?> values = (List<?>) entry.getValue();
						new DataOutputStream(fieldTarget).writeInt(values.size());
						for (Object value : values) {
							value(fieldTarget, field, value, depth, skip);
						}
					}
					else {
						value(fieldTarget, field, entry.getValue(), depth, skip);
					}
				}
				out.writeByte(0xFF);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private void mapField(ByteArrayOutputStream target, List<?> entries, int depth, boolean provenance)
				throws IOException {
			// Map entry order in protobuf bytes follows a Java HashMap: sort to make it
			// canonical.
			List<byte[]> encoded = new ArrayList<>(entries.size());
			for (Object entry : entries) {
				ByteArrayOutputStream one = new ByteArrayOutputStream();
				write(one, (Message) entry, depth + 1, provenance);
				encoded.add(one.toByteArray());
			}
			encoded.sort(Arrays::compareUnsigned);
			new DataOutputStream(target).writeInt(encoded.size());
			for (byte[] bytes : encoded) {
				target.write(bytes);
			}
		}

		private void value(ByteArrayOutputStream target, FieldDescriptor field, Object value, int depth,
				boolean provenance) throws IOException {
			DataOutputStream out = new DataOutputStream(target);
			switch (field.getJavaType()) {
				case MESSAGE -> write(target, (Message) value, depth + 1, provenance);
				case STRING -> {
					String text = (String) value;
					if (field.getName().toLowerCase(java.util.Locale.ROOT).contains("class_name")
							|| isClassNameKey(field, text)) {
						this.classNames.add(text);
					}
					if (MODEL.equals(field.getContainingType().getFullName()) && "class_name".equals(field.getName())) {
						this.modelClassNames.add(text);
					}
					byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
					out.writeInt(bytes.length);
					out.write(bytes);
				}
				case BYTE_STRING -> {
					byte[] bytes = ((ByteString) value).toByteArray();
					out.writeInt(bytes.length);
					out.write(bytes);
				}
				case DOUBLE -> out.writeLong(Double.doubleToLongBits((Double) value));
				case FLOAT -> out.writeInt(Float.floatToIntBits((Float) value));
				case INT -> out.writeInt((Integer) value);
				case LONG -> out.writeLong((Long) value);
				case BOOLEAN -> out.writeBoolean((Boolean) value);
				case ENUM -> out.writeInt(((EnumValueDescriptor) value).getNumber());
			}
		}

		private boolean isClassNameKey(FieldDescriptor field, String text) {
			// olcut records the class of each provenance object as a plain string value;
			// it is loaded by reflection when the provenance is read back.
			return field.getContainingType().getFullName().startsWith(PROVENANCE_PACKAGE)
					&& text.matches("([a-zA-Z_$][a-zA-Z0-9_$]*\\.)+[A-Z][a-zA-Z0-9_$]*");
		}

		private static boolean isProvenance(FieldDescriptor field) {
			return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
					&& field.getMessageType().getFullName().startsWith(PROVENANCE_PACKAGE);
		}

		private static Message unpack(Message any) {
			Descriptor type = any.getDescriptorForType();
			String url = (String) any.getField(type.findFieldByName("type_url"));
			ByteString value = (ByteString) any.getField(type.findFieldByName("value"));
			String name = url.substring(url.lastIndexOf('/') + 1);
			Descriptor target = TYPES.get(name);
			if (target == null) {
				throw InvalidBundleException.because(InvalidBundleException.Kind.MODEL,
						"the model file contains the unknown message type '" + name
								+ "'; this service reads only the Tribuo model families it allows");
			}
			try {
				return DynamicMessage.parseFrom(target, value);
			}
			catch (InvalidProtocolBufferException ex) {
				throw InvalidBundleException.because(InvalidBundleException.Kind.MODEL,
						"the model file is damaged at a '" + name + "' message");
			}
		}

	}

	private static Map<String, Descriptor> knownTypes(FileDescriptor... files) {
		Map<String, Descriptor> types = new HashMap<>();
		for (FileDescriptor file : files) {
			addFile(types, file);
		}
		return Map.copyOf(types);
	}

	private static void addFile(Map<String, Descriptor> types, FileDescriptor file) {
		for (Descriptor type : file.getMessageTypes()) {
			addType(types, type);
		}
		for (FileDescriptor dependency : file.getDependencies()) {
			addFile(types, dependency);
		}
	}

	private static void addType(Map<String, Descriptor> types, Descriptor type) {
		types.put(type.getFullName(), type);
		type.getNestedTypes().forEach((nested) -> addType(types, nested));
	}

}
