package io.texium.scheduler.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The browser tests: the shared server, plus one headless Chromium per test class, opened before its first test and
 * closed after its last.
 */
abstract class InBrowser extends OnSharedServer {

    static Browser browser;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = new Browser(base, getClass().getSimpleName());
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
