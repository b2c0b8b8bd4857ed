import Testing

@testable import EscPos

@Suite struct GrayImageResizingTests {
    @Test func halvingAveragesPairs() throws {
        let image = try GrayImage(width: 4, height: 2, pixels: [0, 0, 255, 255, 0, 100, 200, 255])
        #expect(image.resized(width: 2, height: 1).pixels == [25, 241])
    }

    /// Three pixels into two: each output covers one and a half source pixels.
    @Test func fractionalCoverageIsWeighted() throws {
        let image = try GrayImage(width: 3, height: 1, pixels: [0, 255, 0])
        #expect(image.resized(width: 2, height: 1).pixels == [85, 85])
        let ramp = try GrayImage(width: 3, height: 1, pixels: [0, 90, 180])
        // (0 + 45) / 1.5 = 30 and (45 + 180) / 1.5 = 150.
        #expect(ramp.resized(width: 2, height: 1).pixels == [30, 150])
    }

    @Test func thinLinesTurnGrayInsteadOfVanishing() throws {
        var pixels = [UInt8](repeating: 255, count: 100 * 100)
        for y in 0..<100 { pixels[y * 100 + 37] = 0 }  // a one-pixel vertical line
        let small = try GrayImage(width: 100, height: 100, pixels: pixels).resized(width: 10, height: 10)
        #expect((0..<10).allSatisfy { small[3, $0] == 230 })  // 9 × 255 / 10 rounded
        #expect((0..<10).allSatisfy { small[4, $0] == 255 })
    }

    @Test func enlargingRepeatsPixels() throws {
        let image = try GrayImage(width: 2, height: 1, pixels: [0, 200])
        #expect(image.resized(width: 4, height: 2).pixels == [0, 0, 200, 200, 0, 0, 200, 200])
    }

    @Test func fittingKeepsTheAspectRatioAndDoesNotEnlargeUnlessAsked() throws {
        let wide = try GrayImage(width: 1000, height: 501, pixels: [UInt8](repeating: 7, count: 1000 * 501))
        let fitted = wide.fitted(toWidth: 576)
        #expect(fitted.width == 576)
        #expect(fitted.height == 289)  // 501 × 576 / 1000 = 288.6
        #expect(fitted.pixels.allSatisfy { $0 == 7 })
        let small = try GrayImage(width: 100, height: 50, pixels: [UInt8](repeating: 7, count: 5000))
        #expect(small.fitted(toWidth: 576) == small)
        let enlarged = small.fitted(toWidth: 576, allowUpscaling: true)
        #expect(enlarged.width == 576 && enlarged.height == 288)
    }
}
