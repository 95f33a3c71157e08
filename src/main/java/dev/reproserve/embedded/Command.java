package dev.reproserve.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One external command run to its end, its output and error read together. */
record Command(List<String> args, int exitCode, String output) {

	static Command run(List<String> args) throws IOException {
		Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		try {
			return new Command(args, process.waitFor(), output);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroy();
			throw new IOException("Interrupted while running " + args.get(0), ex);
		}
	}

	boolean succeeded() {
		return this.exitCode == 0;
	}

	/** What went wrong, for an exception message. */
	String failure() {
		return String.join(" ", this.args) + " exited with " + this.exitCode
				+ (this.output.isEmpty() ? "" : ": " + this.output);
	}

}
