package dev.reproserve.datasets.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reproserve.datasets.InvalidQueryException;
import dev.reproserve.datasets.NondeterministicOrderException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the SQL parser makes of a snapshot query, without a database. */
class SelectQueryTests {

	@Test
	void bindsEachAsOfButNotOneInAStringACommentOrAQuotedName() {
		SelectQuery query = SelectQuery.parse("""
				SELECT x::date AS d, ':asOf' AS s, "a:asOf" AS q -- :asOf
				FROM t WHERE v <= :asOf AND (w IS NULL OR w > :asOf) /* :asOf */ ORDER BY d""");

		assertThat(query.asOfParameters()).isEqualTo(2);
		assertThat(query.jdbcSql()).isEqualTo("""
				SELECT x::date AS d, ':asOf' AS s, "a:asOf" AS q -- :asOf
				FROM t WHERE v <= ? AND (w IS NULL OR w > ?) /* :asOf */ ORDER BY d""");
	}

	@Test
	void findsTheResultColumnsOfTheOrderBy() {
		List<String> labels = List.of("k", "name", "Total");
		SelectQuery query = SelectQuery
			.parse("SELECT t.id AS k, t.name, sum(x) AS \"Total\" FROM t GROUP BY t.id, t.name ORDER BY \"Total\","
					+ " 2 DESC, t.id, K NULLS FIRST, sum(x)");

		assertThat(query.orderColumns(labels)).containsExactly(2, 1, 0, 0, 2);
		assertThat(query.asOfParameters()).isZero();
	}

	@Test
	void findsAQualifiedColumnBehindAStarByItsName() {
		assertThat(SelectQuery.parse("SELECT * FROM t ORDER BY t.id, 2").orderColumns(List.of("id", "name")))
			.containsExactly(0, 1);
		assertThat(SelectQuery.parse("SELECT a, b FROM t UNION SELECT c, d FROM u ORDER BY b")
			.orderColumns(List.of("a", "b"))).containsExactly(1);
	}

	@Test
	void refusesAnOrderByItemThatIsNotOneResultColumn() {
		for (String orderBy : List.of("id", "lower(name)", "3", "\"NAME\"", "u.name")) {
			assertThatThrownBy(() -> SelectQuery.parse("SELECT name, NAME2 FROM t ORDER BY " + orderBy)
				.orderColumns(List.of("name", "name2"))).isInstanceOf(NondeterministicOrderException.class)
				.hasMessageContaining("is not a column of the result");
		}
		// Two labels that differ only in case: an unquoted name means either.
		assertThatThrownBy(() -> SelectQuery.parse("SELECT a AS \"X\", b AS \"x\" FROM t ORDER BY x")
			.orderColumns(List.of("X", "x"))).isInstanceOf(NondeterministicOrderException.class);
	}

	@Test
	void refusesWhatIsNotOneReadingSelectWithATopLevelOrderBy() {
		assertThatThrownBy(() -> SelectQuery.parse("SELECT a FROM t"))
			.isInstanceOf(NondeterministicOrderException.class)
			.hasMessageContaining("no top-level ORDER BY");
		assertThatThrownBy(() -> SelectQuery.parse("(SELECT a FROM t ORDER BY a)"))
			.isInstanceOf(NondeterministicOrderException.class);
		for (String sql : List.of("UPDATE t SET a = 1", "SELECT a INTO u FROM t ORDER BY a",
				"SELECT a FROM t ORDER BY a FOR SHARE", "SELECT a FROM t WHERE b = ? ORDER BY a", "",
				"SELECT a FROM t ORDER BY a; SELECT b FROM t ORDER BY b")) {
			assertThatThrownBy(() -> SelectQuery.parse(sql)).as(sql).isInstanceOf(InvalidQueryException.class);
		}
	}

}
