package dev.corelanes.engine.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OsTest {

    @Test
    void namesTheJdkReportsAreToldApart() {
        assertEquals(Os.WINDOWS, Os.of("Windows 11"));
        assertEquals(Os.WINDOWS, Os.of("Windows Server 2022"));
        assertEquals(Os.MAC, Os.of("Mac OS X"));
        assertEquals(Os.LINUX, Os.of("Linux"));
        assertEquals(Os.OTHER, Os.of("FreeBSD"));
    }

    @Test
    void anEmptyOrMissingNameIsOther() {
        assertEquals(Os.OTHER, Os.of(""));
        assertEquals(Os.OTHER, Os.of(null));
    }

    @Test
    void theCurrentOsIsTheOneThisJvmReports() {
        assertEquals(Os.of(System.getProperty("os.name")), Os.current());
    }
}
