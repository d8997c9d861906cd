package dev.hunt4j.provider.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hunt4j.api.QueryException;
import dev.hunt4j.api.data.Column;
import dev.hunt4j.api.data.ColumnType;
import dev.hunt4j.api.data.ResultStream;
import dev.hunt4j.api.query.QueryOptions;
import dev.hunt4j.api.query.QueryProvider;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operator semantics, checked by the ids of the rows each query returns. */
class QueryExecutionTest {
    @TempDir
    static Path dir;
    static QueryProvider provider;

    @BeforeAll
    static void data() {
        Fixture.write(dir, "t.csv", """
                id,Name,Host,Port,Score,Active,TimeGenerated,CommandLine
                1,alice,WEB-01.contoso.com,443,1.5,true,2024-01-01T00:00:00Z,cmd.exe /c whoami
                2,Bob,web-02,80,2.5,false,2024-01-02T00:00:00Z,powershell.exe -enc AAAA
                3,carol,db-01.contoso.com,8080,-3.0,true,2024-01-03T00:00:00Z,"C:\\Windows\\System32\\net.exe user ""admin"" /add"
                4,,db-02,,0.25,,2024-01-04T12:30:00Z,
                5,ALICE,WEB-01,22,10,false,2024-01-05T00:00:00Z,ssh root@10.0.0.1
                """);
        provider = Fixture.provider(dir);
    }

    private static String ids(String where) {
        StringBuilder sb = new StringBuilder();
        for (Object id : Fixture.first(provider, "t.csv | where " + where + " | project id")) {
            sb.append(sb.length() == 0 ? "" : " ").append(id);
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "Name == \"alice\"                    | 1",
        "Name =~ \"alice\"                    | 1 5",
        "Name != \"alice\"                    | 2 3 4 5",
        "Name !~ \"alice\"                    | 2 3 4",
        "Host contains \"web\"                | 1 2 5",
        "Host contains_cs \"WEB\"             | 1 5",
        "Host !contains \"web\"               | 3 4",
        "Host !contains_cs \"WEB\"            | 2 3 4",
        "Host startswith \"DB\"               | 3 4",
        "Host startswith_cs \"DB\"            | ``",
        "Host !startswith \"db\"              | 1 2 5",
        "Host endswith \".COM\"               | 1 3",
        "Host endswith_cs \".COM\"            | ``",
        "Host !endswith \".com\"              | 2 4 5",
        "CommandLine has \"whoami\"           | 1",
        "CommandLine has \"WHO\"              | ``",
        "CommandLine has \"net.exe\"          | 3",
        "CommandLine has \"10.0.0.1\"         | 5",
        "CommandLine !has \"whoami\"          | 2 3 4 5",
        "CommandLine has_cs \"AAAA\"          | 2",
        "CommandLine has_cs \"aaaa\"          | ``",
        "CommandLine matches regex \"net\\\\.exe\\\\s+user\" | 3",
        "CommandLine matches regex @\"^ssh\\s\"  | 5",
        "Port > 80                            | 1 3",
        "Port <= 80                           | 2 5",
        "Port == 443                          | 1",
        "Port != 443                          | 2 3 5",
        "Port == \"443\"                      | 1",
        "Port in (22, 80)                     | 2 5",
        "Port !in (22, 80)                    | 1 3",
        "Port contains \"44\"                 | 1",
        "Score < 0                            | 3",
        "Score >= 10                          | 5",
        "Score == 2.5                         | 2",
        "Score > 1                            | 1 2 5",
        "Active == true                       | 1 3",
        "Active == false                      | 2 5",
        "Active != true                       | 2 5",
        "Active == \"TRUE\"                   | 1 3",
        "TimeGenerated >= datetime(2024-01-03) | 3 4 5",
        "TimeGenerated < datetime('2024-01-02 00:00:00') | 1",
        "TimeGenerated == \"2024-01-04T12:30:00Z\" | 4",
        "TimeGenerated > 2024-01-04T00:00:00Z  | 4 5",
        "TimeGenerated in (datetime(2024-01-01), \"2024-01-05 00:00:00\") | 1 5",
        "TimeGenerated contains \"12:30\"     | 4",
        "isempty(Name)                        | 4",
        "isnotempty(Port)                     | 1 2 3 5",
        "isnull(Active)                       | 4",
        "isnotnull(Active)                    | 1 2 3 5",
        "Name == null                         | 4",
        "Port == null                         | 4",
        "Port != null                         | 1 2 3 5",
        "Name == \"\"                         | 4",
        "Name in (\"alice\", \"Bob\")         | 1 2",
        "Name in~ (\"ALICE\", \"bob\")        | 1 2 5",
        "Name !in (\"alice\", \"Bob\")        | 3 4 5",
        "Name !in~ (\"alice\")                | 2 3 4",
        "Name > \"B\"                         | 1 2 3",
        "not(Name =~ \"alice\")               | 2 3 4",
        "Port == 80 or Port == 443 and Active == true   | 1 2",
        "(Port == 80 or Port == 443) and Active == true | 1",
        "Port == 80 or (Port == 443 and Active == false) | 2",
        "not(Port > 80 or isnull(Port)) and Active == false | 2 5",
        "['Host'] == \"db-02\"                | 4",
        "true                                 | 1 2 3 4 5",
        "false                                | ``",
        "id == 3 and Name == carol            | 3",
    })
    void operator(String where, String expected) {
        assertEquals(expected, ids(where), where);
    }

    @Test
    void projectProjectAwayTakeLimitCount() {
        try (ResultStream rs = provider.execute("t.csv | project Name, id | where id > 1 | take 2", QueryOptions.defaults())) {
            assertEquals(List.of(new Column("Name", ColumnType.STRING), new Column("id", ColumnType.LONG)), rs.columns());
            List<Object[]> rows = rs.toList();
            assertEquals(2, rows.size());
            assertEquals("Bob", rows.get(0)[0]);
            assertEquals(3L, rows.get(1)[1]);
        }
        try (ResultStream rs = provider.execute("t.csv | project-away CommandLine, Host, Score", QueryOptions.defaults())) {
            assertEquals(List.of("id", "Name", "Port", "Active", "TimeGenerated"), rs.columns().stream().map(Column::name).toList());
        }
        assertEquals(List.of(3L), Fixture.first(provider, "t.csv | limit 4 | where Active == true or Port == 80 | count"));
        assertEquals(List.of(5L), Fixture.first(provider, "t.csv | count"));
        assertEquals(List.of(1L), Fixture.first(provider, "t.csv | where Name =~ \"alice\" | take 1 | count"));
        assertEquals(List.of(), Fixture.first(provider, "t.csv | take 0"));
        assertEquals(List.of(1L), Fixture.first(provider, "t.csv | count | where Count > 4 | count"));
        assertEquals(List.of(1L, 2L), Fixture.first(provider, "t.csv | project id | take 3"
                + " | take 2"));
        assertEquals(List.of(1L), Fixture.first(provider, "t.csv | project id", QueryOptions.defaults().withMaxRows(1)));
    }

    @Test
    void bindErrorsNameTheColumnAndTheAvailableOnes() {
        int openBefore = DataFile.openFiles();
        String q = "t.csv | where Nmae == \"x\"";
        QueryException e = assertThrows(QueryException.class, () -> provider.execute(q, QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("unknown column 'Nmae' at column 15"), e.getMessage());
        assertTrue(e.getMessage().contains("available columns: id, Name, Host, Port, Score, Active, TimeGenerated, CommandLine"),
                e.getMessage());

        e = assertThrows(QueryException.class, () -> provider.execute("t.csv | where name == \"x\"", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("did you mean 'Name'"), e.getMessage());

        e = assertThrows(QueryException.class, () -> provider.execute("t.csv | project id | where Name == \"x\"", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("unknown column 'Name'") && e.getMessage().contains("available columns: id"), e.getMessage());

        e = assertThrows(QueryException.class, () -> provider.execute("t.csv | project Name, Name", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());

        e = assertThrows(QueryException.class, () -> provider.execute("t.csv | where Port == \"https\"", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("'Port' (LONG)") && e.getMessage().contains("expected a number")
                && e.getMessage().contains("column 23"), e.getMessage());

        e = assertThrows(QueryException.class, () -> provider.execute("t.csv | where TimeGenerated > \"yesterday\"", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("TIMESTAMP") && e.getMessage().contains("datetime"), e.getMessage());

        e = assertThrows(QueryException.class, () -> provider.execute("t.csv | where Active > true", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("does not apply"), e.getMessage());

        e = assertThrows(QueryException.class, () -> provider.execute("t.csv | where Port in (1, \"x\")", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("\"x\"") && e.getMessage().contains("'Port'"), e.getMessage());

        e = assertThrows(QueryException.class, () -> provider.execute("t.csv | where Name < null", QueryOptions.defaults()));
        assertTrue(e.getMessage().contains("null can only be compared"), e.getMessage());
        assertEquals(openBefore, DataFile.openFiles(), "a failed execute() leaves no file open");
    }
}
