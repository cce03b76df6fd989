package jp.kpireview.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BufferSizeTest {

    @Test
    void aMunicipalityFitsTheBufferSizedAfterTheLargestRenderedSoFar() {
        BufferSize size = new BufferSize(100);
        int first = size.bytes(400);
        size.rendered(400, 142_001);  // 355.0025 bytes per KPI-year: 356 from now on
        assertTrue(size.bytes(400) >= 142_001, "the same municipality again fits without growing");
        assertTrue(size.bytes(400) > first);
        size.rendered(400, 40_000);  // a smaller one does not shrink the next buffer
        assertEquals(size.bytes(400), new BufferSize(356).bytes(400));
    }

    @Test
    void nothingRenderedOrAnEmptyMunicipalityLeavesTheGuess() {
        BufferSize size = new BufferSize(200);
        int guess = size.bytes(10);
        size.rendered(0, 5_000);
        assertEquals(guess, size.bytes(10));
        assertTrue(size.bytes(0) > 0, "room for the municipality's own heading");
    }

    @Test
    void aLargeMunicipalityAfterOneOfLongTextsGetsABoundedFirstBuffer() {
        BufferSize size = new BufferSize(400);
        size.rendered(5, 5 * 30_000);  // five KPI-years of 2,000-character cells
        assertEquals(BufferSize.MOST, size.bytes(300_000));
        assertEquals(BufferSize.MOST, size.bytes(Integer.MAX_VALUE));
        assertTrue(size.bytes(100) < BufferSize.MOST);
    }
}
