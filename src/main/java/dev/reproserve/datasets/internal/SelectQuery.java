package dev.reproserve.datasets.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

import dev.reproserve.datasets.InvalidQueryException;
import dev.reproserve.datasets.NondeterministicOrderException;

/**
 * A snapshot query as JSqlParser reads it: exactly one SELECT with a top-level
 * {@code ORDER BY}, the only parameter {@code :asOf}. Gives the JDBC text (each
 * {@code :asOf} a {@code ?}) and maps the {@code ORDER BY} items to columns of the result
 * once its column labels are known.
 */
public final class SelectQuery {

	/** The one named parameter a query may use. */
	public static final String AS_OF = "asOf";

	private static final int MAX_MESSAGE = 300;

	private static final Pattern CLASS_PREFIX = Pattern.compile("([a-z][\\w$]*\\.)+\\w*(Exception|Error): ");

	private static final Pattern QUOTED = Pattern.compile("^([\"`\\[]).*[\"`\\]]$", Pattern.DOTALL);

	private final String jdbcSql;

	private final int asOfParameters;

	private final List<OrderByElement> orderBy;

	private final List<SelectItem<?>> items;

	private final boolean allColumns;

	private SelectQuery(String jdbcSql, int asOfParameters, List<OrderByElement> orderBy, List<SelectItem<?>> items,
			boolean allColumns) {
		this.jdbcSql = jdbcSql;
		this.asOfParameters = asOfParameters;
		this.orderBy = orderBy;
		this.items = items;
		this.allColumns = allColumns;
	}

	/**
	 * Reads a query.
	 * @throws InvalidQueryException when it is not exactly one SELECT that only reads, or
	 * uses another parameter than {@code :asOf}
	 * @throws NondeterministicOrderException when it has no top-level {@code ORDER BY}
	 */
	public static SelectQuery parse(String sql) {
		Statements statements;
		try {
			statements = CCJSqlParserUtil.parseStatements(sql);
		}
		catch (JSQLParserException ex) {
			throw InvalidQueryException.notOneSelect("the SQL parser cannot read it (" + firstLine(ex) + ")");
		}
		if (statements.size() != 1) {
			throw InvalidQueryException.notOneSelect("it holds " + statements.size() + " statements");
		}
		Statement statement = statements.get(0);
		if (!(statement instanceof Select select)) {
			throw InvalidQueryException.notOneSelect(
					"it is not a SELECT but " + statement.getClass().getSimpleName().toUpperCase(Locale.ROOT));
		}
		if (select instanceof PlainSelect plain && plain.getIntoTables() != null) {
			throw InvalidQueryException.notOneSelect("SELECT ... INTO writes a table");
		}
		if (select.getForMode() != null) {
			throw InvalidQueryException
				.notOneSelect("FOR " + select.getForMode() + " locks rows, and a snapshot only reads");
		}
		if (select.getOrderByElements() == null || select.getOrderByElements().isEmpty()) {
			throw NondeterministicOrderException.noOrderBy();
		}
		List<SelectItem<?>> items = (select instanceof PlainSelect plain) ? plain.getSelectItems() : List.of();
		boolean allColumns = items.stream().anyMatch((item) -> item.getExpression() instanceof AllColumns);
		List<JdbcNamedParameter> asOf = parameters(statement);
		return new SelectQuery(jdbcText(sql, asOf), asOf.size(), List.copyOf(select.getOrderByElements()), items,
				allColumns);
	}

	/** The query with each {@code :asOf} replaced by a JDBC {@code ?}. */
	public String jdbcSql() {
		return this.jdbcSql;
	}

	/** How many {@code ?} of {@link #jdbcSql()} the as-of time is bound to. */
	public int asOfParameters() {
		return this.asOfParameters;
	}

	/**
	 * The result columns the query orders by, from 0, in {@code ORDER BY} order.
	 * @param labels the result's column labels, as the database gives them
	 * @throws NondeterministicOrderException for an item that is not one column of the
	 * result
	 */
	public List<Integer> orderColumns(List<String> labels) {
		List<Integer> columns = new ArrayList<>();
		for (OrderByElement element : this.orderBy) {
			int column = column(element.getExpression(), labels);
			if (column < 0) {
				throw NondeterministicOrderException.notAResultColumn(element.getExpression().toString(), labels);
			}
			columns.add(column);
		}
		return List.copyOf(columns);
	}

	private int column(Expression expression, List<String> labels) {
		if (expression instanceof LongValue position) {
			long index = position.getValue() - 1;
			return (index >= 0 && index < labels.size()) ? (int) index : -1;
		}
		if (expression instanceof Column column && column.getTableName() == null) {
			return label(column.getColumnName(), labels);
		}
		// A qualified column or an expression: the select item it repeats, by its label;
		// behind a *, a qualified column by its own name.
		for (SelectItem<?> item : this.items) {
			if (item.getExpression().toString().equalsIgnoreCase(expression.toString())) {
				if (item.getAlias() != null) {
					return label(item.getAlias().getName(), labels);
				}
				return (item.getExpression() instanceof Column column) ? label(column.getColumnName(), labels) : -1;
			}
		}
		if (this.allColumns && expression instanceof Column column) {
			return label(column.getColumnName(), labels);
		}
		return -1;
	}

	/**
	 * The one result column a name in the query means: a quoted name exactly, an unquoted
	 * one whatever its case (the databases fold those).
	 */
	private static int label(String name, List<String> labels) {
		boolean quoted = QUOTED.matcher(name).matches();
		String bare = quoted ? name.substring(1, name.length() - 1) : name;
		int found = -1;
		for (int i = 0; i < labels.size(); i++) {
			if (quoted ? labels.get(i).equals(bare) : labels.get(i).equalsIgnoreCase(bare)) {
				if (found >= 0) {
					return -1;
				}
				found = i;
			}
		}
		return found;
	}

	/** The parameters the parser found, in text order. */
	private static List<JdbcNamedParameter> parameters(Statement statement) {
		List<JdbcNamedParameter> named = new ArrayList<>();
		List<String> refused = new ArrayList<>();
		TablesNamesFinder<Void> finder = new TablesNamesFinder<>() {

			@Override
			public <S> Void visit(JdbcNamedParameter parameter, S context) {
				if (AS_OF.equals(parameter.getName())) {
					named.add(parameter);
				}
				else {
					refused.add(":" + parameter.getName());
				}
				return null;
			}

			@Override
			public <S> Void visit(JdbcParameter parameter, S context) {
				refused.add(parameter.toString());
				return null;
			}

		};
		finder.getTables(statement);
		if (!refused.isEmpty()) {
			throw InvalidQueryException.notOneSelect("the only parameter a query may use is :" + AS_OF
					+ ", bound to the snapshot's as-of time, and it uses " + String.join(", ", refused));
		}
		named.sort(Comparator.comparingInt(SelectQuery::position));
		return named;
	}

	/** Where the parser found a parameter, -1 where it did not say. */
	private static int position(JdbcNamedParameter parameter) {
		Node node = parameter.getASTNode();
		return (node != null && node.jjtGetFirstToken() != null) ? node.jjtGetFirstToken().absoluteBegin : -1;
	}

	/**
	 * The text with each {@code :asOf} the parser found replaced by {@code ?}, at the
	 * parser's own token positions, so that one inside a string, a quoted name or a
	 * comment stays as it is.
	 */
	private static String jdbcText(String sql, List<JdbcNamedParameter> parameters) {
		StringBuilder text = new StringBuilder(sql);
		for (int i = parameters.size() - 1; i >= 0; i--) {
			Node node = parameters.get(i).getASTNode();
			int start = position(parameters.get(i)) - 1;
			int end = (start >= 0 && node.jjtGetLastToken() != null) ? node.jjtGetLastToken().absoluteEnd - 1 : -1;
			if (start < 0 || end > sql.length() || start >= end || sql.charAt(start) != ':'
					|| !sql.substring(start, end).endsWith(AS_OF)) {
				throw InvalidQueryException.notOneSelect("where :" + AS_OF + " stands in it cannot be told for sure");
			}
			text.replace(start, end, "?");
		}
		return text.toString();
	}

	private static String firstLine(JSQLParserException ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		// The parser's own message, without the class names some of its layers prepend.
		String message = CLASS_PREFIX.matcher(String.valueOf(cause.getMessage()).strip()).replaceAll("");
		int newline = message.indexOf('\n');
		String line = (newline < 0) ? message : message.substring(0, newline).strip();
		return (line.length() > MAX_MESSAGE) ? line.substring(0, MAX_MESSAGE) + "..." : line;
	}

}
