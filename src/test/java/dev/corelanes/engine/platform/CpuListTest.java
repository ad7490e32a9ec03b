package dev.corelanes.engine.platform;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuListTest {

    @Test
    void readsWhatTasksetAndTheKernelWrite() {
        assertEquals(List.of(0), CpuList.parse("0"));
        assertEquals(List.of(0, 2, 3), CpuList.parse("0,2-3"));
        assertEquals(List.of(0, 1, 2, 3, 8, 10, 11), CpuList.parse(" 0-3,8,10-11\n"));
        assertEquals(List.of(1, 2), CpuList.parse("2,1,1-2")); // sorted, no repeats
    }

    @Test
    void writesTheShortestList() {
        assertEquals("0-3,8,10-11", CpuList.format(List.of(11, 10, 8, 3, 2, 1, 0)));
        assertEquals("5", CpuList.format(List.of(5)));
        assertEquals("", CpuList.format(List.of()));
        assertEquals("0,2", CpuList.format(List.of(0, 2)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'' | empty CPU list",
            "a | is not a CPU list",
            "1-| is not a CPU list",
            "3-1 | runs backwards",
            "-1 | is not a CPU list",
            "0,,1 | is not a CPU list",
            "99999999 | is not a CPU list",
            "70000 | beyond the largest CPU number"})
    void badListsSayWhatIsWrong(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuList.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
