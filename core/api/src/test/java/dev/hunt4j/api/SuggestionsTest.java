package dev.hunt4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void anExactMatchComesFirstThenTheNearOnes() {
        assertEquals(List.of("format", "formats", "form"), Suggestions.closest("format", List.of("form", "format", "formats"), 3));
    }

    @Test
    void caseIsIgnoredAndTheKnownSpellingIsReturned() {
        assertEquals(List.of("time_column"), Suggestions.closest("TIME_COLUMN", List.of("title", "time_column"), 3));
        assertEquals(List.of("timeout"), Suggestions.closest("Timeout", List.of("timeout"), 3));
    }

    @Test
    void aTranspositionIsCloseEnoughButThreeEditsInEightLettersAreNot() {
        assertEquals(List.of("provider"), Suggestions.closest("provdier", List.of("provider", "producer"), 3));
    }

    @Test
    void nothingCloseMeansNoSuggestion() {
        assertEquals(List.of(), Suggestions.closest("banana", List.of("timeout", "format"), 3));
        assertEquals(List.of(), Suggestions.closest("banana", List.of(), 3));
    }

    @Test
    void oneNameContainingTheOtherIsSuggestedEvenWhenManyEditsAway() {
        assertEquals(List.of("hostname"), Suggestions.closest("host", List.of("hostname", "ip"), 3));
        assertEquals(List.of("name"), Suggestions.closest("user_name_field", List.of("name", "port"), 3));
    }

    @Test
    void tiesAreAlphabeticalAndMaxCutsTheList() {
        assertEquals(List.of("format", "from"), Suggestions.closest("fromat", List.of("from", "format"), 3));
        assertEquals(List.of("format"), Suggestions.closest("fromat", List.of("from", "format"), 1));
        assertEquals(List.of("colour", "color"), Suggestions.closest("colour", List.of("colours", "color", "colour"), 2));
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutionsCaseSensitively() {
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(3, Suggestions.distance("", "abc"));
        assertEquals(0, Suggestions.distance("abc", "abc"));
        assertEquals(1, Suggestions.distance("A", "a"));
        assertEquals(2, Suggestions.distance("ab", "ba"), "a transposition is two edits");
    }
}
