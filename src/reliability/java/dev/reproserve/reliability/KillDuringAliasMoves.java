package dev.reproserve.reliability;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.reproserve.reliability.Drills.MODEL;

/**
 * A replica killed (SIGKILL) while moving an alias over and over: the alias points at a
 * version, where its last event says, and the chain has no gap; the other replicas
 * serve throughout.
 */
final class KillDuringAliasMoves extends Drill {

	KillDuringAliasMoves() {
		super("kill -9 during an alias move");
	}

	@Override
	Row run(Fleet fleet) throws Exception {
		Replica d = fleet.startReplica("d-moves", Map.of());
		String alias = "kill-" + ThreadLocalRandom.current().nextInt(1_000_000);
		long moves;
		long loadCount;
		long loadFailures;
		try (Load load = new Load(fleet.http, List.copyOf(fleet.replicas.subList(0, 3)), MODEL, "production", 3, 150)) {
			java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
			Thread mover = Fleet.started(() -> {
				for (int i = 0; i < 10_000 && d.alive(); i++) {
					fleet.http.moveAlias(d, MODEL, alias, 1 + (i % 4), "drill before kill " + i);
					sent.incrementAndGet();
				}
			});
			Thread.sleep(3000);
			d.kill9();
			mover.join(30_000);
			moves = sent.get();
			Thread.sleep(500);
			loadCount = load.count();
			loadFailures = load.failures();
		}
		fleet.replicas.remove(d);
		long lost = fleet.chain(alias).broken();
		check(loadFailures == 0, loadFailures + " predictions failed on the other replicas");
		check(lost == 0, lost + " gaps or an alias not where its last event put it");
		return new Row("kill -9 during an alias move", "SIGKILL of a replica moving an alias in a loop (" + moves + " moves sent)",
				loadCount + moves, loadFailures, lost, true, "alias where its last event says, no gap in the chain");
	}

}
