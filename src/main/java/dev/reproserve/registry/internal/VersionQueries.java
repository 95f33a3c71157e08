package dev.reproserve.registry.internal;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import dev.reproserve.registry.VersionFilter;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Version ids of a model that pass a filter on their latest status, latest reproduction
 * verdict, trainer, snapshot and registration time, newest first, a page at a time.
 */
@Component
public class VersionQueries {

	private final JdbcTemplate jdbc;

	VersionQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** One page of matching ids, and how many match in all. */
	public record Found(List<Long> ids, long total) {
	}

	public Found find(long modelId, VersionFilter filter, int page, int size) {
		StringBuilder where = new StringBuilder(" WHERE v.model_id = ?");
		List<Object> args = new ArrayList<>(List.of(modelId));
		if (filter.status() != null) {
			where.append(" AND s.status = ?");
			args.add(filter.status().json());
		}
		if ("none".equals(filter.reproduction())) {
			where.append(" AND r.verdict IS NULL");
		}
		else if (filter.reproduction() != null) {
			where.append(" AND r.verdict = ?");
			args.add(filter.reproduction());
		}
		if (filter.trainer() != null) {
			where.append(" AND v.manifest -> 'training' ->> 'trainer' = ?");
			args.add(filter.trainer());
		}
		if (filter.dataset() != null) {
			where.append(" AND v.manifest -> 'trainingData' ->> 'sha256' = ?");
			args.add(filter.dataset());
		}
		if (filter.createdFrom() != null) {
			where.append(" AND v.created_at >= ?");
			args.add(Timestamp.from(filter.createdFrom()));
		}
		if (filter.createdTo() != null) {
			where.append(" AND v.created_at < ?");
			args.add(Timestamp.from(filter.createdTo()));
		}
		String from = " FROM model_versions v"
				+ " LEFT JOIN LATERAL (SELECT e.status FROM version_status_events e WHERE e.version_id = v.id"
				+ " ORDER BY e.id DESC LIMIT 1) s ON true"
				+ " LEFT JOIN LATERAL (SELECT p.verdict FROM reproductions p WHERE p.version_id = v.id"
				+ " ORDER BY p.id DESC LIMIT 1) r ON true" + where;
		long total = this.jdbc.queryForObject("SELECT count(*)" + from, Long.class, args.toArray());
		List<Object> paged = new ArrayList<>(args);
		paged.add(size);
		paged.add((long) page * size);
		List<Long> ids = this.jdbc.queryForList("SELECT v.id" + from + " ORDER BY v.version DESC LIMIT ? OFFSET ?",
				Long.class, paged.toArray());
		return new Found(ids, total);
	}

}
