package dev.reproserve.datasets;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.Sha256;
import dev.reproserve.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The canonical form of CSV and the identity it gives a table. */
class CsvTableTests {

	private static final String PLAIN = "name,size,note\nalpha,1,first\nbeta,2,second\n";

	@ParameterizedTest
	@ValueSource(strings = { "name,size,note\r\nalpha,1,first\r\nbeta,2,second\r\n",
			"\uFEFFname,size,note\nalpha,1,first\nbeta,2,second\n", "name,size,note\nalpha,1,first\nbeta,2,second",
			"\"name\",\"size\",\"note\"\n\"alpha\",1,\"first\"\nbeta,\"2\",second\n",
			"name,size,note\r\ralpha,1,first\rbeta,2,second\r",
			"\n\nname,size,note\n\nalpha,1,first\n\n\nbeta,2,second\n\n",
			"\uFEFF\"name\",size,note\r\n\r\nalpha,\"1\",first\r\nbeta,2,\"second\"" })
	void writesTheSameTableInOneCanonicalForm(String variant) {
		CsvTable table = parse(variant);

		assertThat(new String(table.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(PLAIN);
		assertThat(table.sha256()).isEqualTo(Sha256.hex(PLAIN.getBytes(StandardCharsets.UTF_8)));
		assertThat(table.header()).containsExactly("name", "size", "note");
		assertThat(table.rows()).containsExactly(List.of("alpha", "1", "first"), List.of("beta", "2", "second"));
	}

	@Test
	void aPlainFileIsItsOwnCanonicalForm() {
		byte[] iris = new String(TestModels.resource("examples/iris.csv"), StandardCharsets.UTF_8).replace("\r\n", "\n")
			.getBytes(StandardCharsets.UTF_8);

		CsvTable table = CsvTable.parse(iris);

		assertThat(table.canonicalBytes()).isEqualTo(iris);
		assertThat(table.sha256()).isEqualTo(Sha256.hex(iris));
		assertThat(table.rows()).hasSize(150);
	}

	@Test
	void anotherRowOrderIsAnotherTable() {
		assertThat(parse("a,b\n1,2\n3,4\n").sha256()).isNotEqualTo(parse("a,b\n3,4\n1,2\n").sha256());
	}

	@Test
	void anotherCellValueIsAnotherTable() {
		assertThat(parse("a,b\n1,2\n").sha256()).isNotEqualTo(parse("a,b\n1,2.0\n").sha256());
	}

	@Test
	void keepsCellsExactlyAsWritten() {
		CsvTable table = parse("a,b\n x , y\n");

		assertThat(table.rows().get(0)).containsExactly(" x ", " y");
		assertThat(table.sha256()).isNotEqualTo(parse("a,b\nx,y\n").sha256());
		assertThat(new String(table.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n x , y\n");
	}

	@Test
	void quotesOnlyCellsThatNeedIt() {
		CsvTable table = parse("a,b,c,d\r\n\"x,y\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"\"\r\n");

		assertThat(table.rows().get(0)).containsExactly("x,y", "say \"hi\"", "two\nlines", "");
		assertThat(new String(table.canonicalBytes(), StandardCharsets.UTF_8))
			.isEqualTo("a,b,c,d\n\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",\n");
	}

	@Test
	void quotesTheEmptyCellOfASingleColumnSoThatTheRowSurvives() {
		CsvTable table = parse("only\n\"\"\nvalue\n");

		assertThat(table.rows()).containsExactly(List.of(""), List.of("value"));
		assertThat(new String(table.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo("only\n\"\"\nvalue\n");
	}

	@Test
	void readingTheCanonicalFormAgainGivesTheSameForm() {
		CsvTable table = parse("\uFEFFa,\"b\"\r\n\"1,5\",\"x\"\"y\"\r\n,\r\n\"multi\rline\", z \r\n");

		CsvTable again = CsvTable.parse(table.canonicalBytes());

		assertThat(again).isEqualTo(table);
		assertThat(again.canonicalBytes()).isEqualTo(table.canonicalBytes());
	}

	@Test
	void keepsUnicode() {
		CsvTable table = parse("city,temp\nZürich,−3\n東京,12\n");

		assertThat(table.rows().get(1)).containsExactly("東京", "12");
		assertThat(new String(table.canonicalBytes(), StandardCharsets.UTF_8))
			.isEqualTo("city,temp\nZürich,−3\n東京,12\n");
	}

	@Test
	void findsColumnsByName() {
		CsvTable table = parse(PLAIN);

		assertThat(table.column("size")).isEqualTo(1);
		assertThat(table.column("missing")).isEqualTo(-1);
	}

	@Test
	void refusesTextThatIsNotUtf8() {
		byte[] latin1 = "name\ncafé\n".getBytes(StandardCharsets.ISO_8859_1);

		assertThat(problems(latin1)).singleElement().asString().contains("not UTF-8");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "\uFEFF", "\n\r\n", "   " })
	void refusesEmptyData(String empty) {
		assertThat(problems(empty)).singleElement().asString().contains("empty");
	}

	@Test
	void refusesHeaderWithoutRows() {
		assertThat(problems("a,b,c\r\n\r\n")).singleElement().asString().contains("header row but no data rows");
	}

	@Test
	void refusesDuplicateColumnNames() {
		assertThat(problems("id,value,id\n1,2,3\n")).singleElement()
			.asString()
			.contains("line 1", "'id' twice", "columns 1 and 3");
	}

	@Test
	void refusesBlankColumnNames() {
		assertThat(problems("a,,c, \n1,2,3,4\n")).containsExactly("the header on line 1 has no name for column 2",
				"the header on line 1 has no name for column 4");
	}

	@Test
	void listsRaggedRowsWithTheirLineNumbers() {
		// Line numbers count empty lines and the lines of a quoted multi-line cell.
		String csv = "a,b,c\n1,2,3\n\n4,5\n\"six\nlines\",7,8\n9,10,11,12\n";

		assertThat(problems(csv)).containsExactly("line 4 has 2 cell(s) but the header has 3",
				"line 7 has 4 cell(s) but the header has 3");
	}

	@Test
	void countsRaggedRowsBeyondTheFirstTen() {
		StringBuilder csv = new StringBuilder("a,b\n");
		for (int i = 0; i < 25; i++) {
			csv.append("1\n");
		}

		List<String> problems = problems(csv.toString());

		assertThat(problems).hasSize(11).startsWith("line 2 has 1 cell(s) but the header has 2");
		assertThat(problems.get(10)).isEqualTo("15 more row(s) have another number of cells than the header");
	}

	@Test
	void describesAnUnterminatedQuoteWithItsLine() {
		assertThat(problems("a,b\n1,2\n\"3,4\n")).singleElement()
			.asString()
			.startsWith("the data is not readable as RFC 4180 CSV")
			.contains("3")
			.doesNotContain("Exception", "org.apache");
	}

	@Test
	void describesTextAfterAClosingQuoteWithItsLine() {
		assertThat(problems("a,b\n\"1\"x,2\n")).singleElement()
			.asString()
			.contains("line: 2")
			.doesNotContain("Exception", "org.apache");
	}

	@Test
	void profilesColumns() {
		CsvTable table = parse("n,c,mixed,blank,nan\n1, x ,1,,NaN\n2.5,x,a, ,1\n,y,,,2\n");

		assertThat(DatasetColumn.profile(table)).containsExactly(new DatasetColumn("n", FeatureType.NUMERIC, 1, null),
				new DatasetColumn("c", FeatureType.CATEGORICAL, 0, 2),
				new DatasetColumn("mixed", FeatureType.CATEGORICAL, 1, 2),
				new DatasetColumn("blank", FeatureType.CATEGORICAL, 3, 0),
				new DatasetColumn("nan", FeatureType.CATEGORICAL, 0, 3));
	}

	private static CsvTable parse(String csv) {
		return CsvTable.parse(csv.getBytes(StandardCharsets.UTF_8));
	}

	private static List<String> problems(String csv) {
		return problems(csv.getBytes(StandardCharsets.UTF_8));
	}

	private static List<String> problems(byte[] csv) {
		InvalidDatasetException ex = catchThrowableOfType(InvalidDatasetException.class, () -> CsvTable.parse(csv));
		assertThat(ex).as("parsing should fail").isNotNull();
		return ex.problems();
	}

}
