package dev.reproserve.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static dev.reproserve.reliability.Drills.MODEL;

/**
 * 50 moves of one alias from threads on all replicas at once: the event chain has no
 * gap, the alias is where the last event put it, every changed move has its event.
 */
final class ConcurrentAliasMoves extends Drill {

	ConcurrentAliasMoves() {
		super("concurrent alias moves");
	}

	@Override
	Row run(Fleet fleet) throws Exception {
		String alias = "drill-" + ThreadLocalRandom.current().nextInt(1_000_000);
		int moves = 50;
		List<Http.Answer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 5; t++) {
			int thread = t;
			threads.add(Fleet.started(() -> {
				for (int i = thread; i < moves; i += 5) {
					Replica replica = fleet.replicas.get(i % fleet.replicas.size());
					int version = 1 + ThreadLocalRandom.current().nextInt(4);
					answers.add(fleet.http.moveAlias(replica, MODEL, alias, version, "drill move " + i));
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join(120_000);
		}
		long failures = answers.stream().filter((a) -> a.status() != 200).count();
		long changed = answers.stream().filter((a) -> a.status() == 200 && a.json().path("changed").asBoolean()).count();
		Fleet.Chain chain = fleet.chain(alias);
		long lost = Math.abs(changed - chain.events()) + chain.broken();
		check(failures == 0, failures + " moves failed: " + answers.stream().filter((a) -> a.status() != 200).findFirst());
		check(chain.broken() == 0, chain.broken() + " gaps in the event chain, or an alias not where its last event put it");
		check(chain.events() == changed, chain.events() + " events for " + changed + " changed moves");
		return new Row("concurrent alias moves", moves + " moves of one alias from 5 threads through 3 replicas",
				answers.size(), failures, lost, true,
				chain.events() + " events, chain without gaps, final version " + chain.last() + " = last event");
	}

}
