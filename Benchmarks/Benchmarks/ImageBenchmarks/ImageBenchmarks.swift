import Benchmark
import EscPos
import EscPosImaging

/// Image path benchmarks (issue 4). Quote medians; pixels per second = 460 800 / median time.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(3),
        maxIterations: 2000
    )

    let width = 576
    let height = 800
    // A photo-like gray image: smooth shading, rings and edges (error diffusion's typical load).
    let pixels = (0..<(width * height)).map { index -> UInt8 in
        let x = index % width
        let y = index / width
        return UInt8(truncatingIfNeeded: (x * 255 / width + (x * y) / 97 + y / 3) % 256)
    }
    // The values above are always valid for this size.
    guard let photo = try? GrayImage(width: width, height: height, pixels: pixels) else {
        fatalError("the benchmark image could not be created")
    }

    Benchmark("Floyd–Steinberg dithering 576×800") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(photo.dithered(.floydSteinberg))
        }
    }

    Benchmark("Atkinson dithering 576×800") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(photo.dithered(.atkinson))
        }
    }

    Benchmark("Bayer 8×8 dithering 576×800") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(photo.dithered(.bayer8x8))
        }
    }

    Benchmark("Threshold 576×800") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(photo.dithered(.threshold))
        }
    }

    let fixture = "\(#filePath)".split(separator: "/").dropLast(3).joined(separator: "/")
    let pngPath = "/" + fixture + "/Fixtures/photo-576x800.png"
    let decoder = ImageDecoder()

    Benchmark("PNG file 576×800 to GS v 0 bytes") { benchmark in
        for _ in benchmark.scaledIterations {
            do {
                let image = try decoder.decodeImage(atPath: pngPath).fitted(toWidth: 576)
                var bytes: [UInt8] = []
                RasterEncoder().rasterBitImage(image.dithered(.floydSteinberg), into: &bytes)
                blackHole(bytes)
            } catch {
                fatalError("\(error)")
            }
        }
    }

    let compiler = ReceiptCompiler(profile: .generic80mm, options: CompileOptions(imageDecoder: decoder))
    let receipt = Receipt { RasterImage(path: pngPath) }

    Benchmark("Receipt with a 576×800 PNG path compiled to GS v 0") { benchmark in
        for _ in benchmark.scaledIterations {
            do {
                blackHole(try compiler.compile(receipt))
            } catch {
                fatalError("\(error)")
            }
        }
    }

    Benchmark("Area-averaging resize 1152×1600 to 576×800") { benchmark in
        let large = photo.resized(width: 1152, height: 1600)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(large.resized(width: 576, height: 800))
        }
    }
}
