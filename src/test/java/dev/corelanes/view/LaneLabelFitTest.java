package dev.corelanes.view;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaneLabelFitTest {

    @Test
    void aLabelThatFitsIsKeptAndALongOneKeepsItsThreadId() {
        assertEquals("T1", LayoutSizes.fitLabel("T1", 12, 72));
        String cut = LayoutSizes.fitLabel("python3 [30042]", 12, 72);
        assertTrue(cut.endsWith("… [30042]") && cut.startsWith("p"), cut);
        assertTrue(LayoutSizes.textWidth(cut, 12) <= 72, cut);
        String plain = LayoutSizes.fitLabel("a-very-long-worker-name", 12, 72);
        assertTrue(plain.endsWith("…") && LayoutSizes.textWidth(plain, 12) <= 72, plain);
    }
}
