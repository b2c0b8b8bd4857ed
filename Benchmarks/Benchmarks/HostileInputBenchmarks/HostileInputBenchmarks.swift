import Benchmark
import EscPos
import EscPosEmulator

// Issue 10's bounds: rendering any 16 MiB stream stays within 256 MiB and 5 s; decoding 10 MB within
// 256 MiB and 2 s. Each input is what an attacker or a buggy backend could send the virtual printer.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(30),
        maxIterations: 5
    )

    let size = 16 << 20
    func repeated(_ unit: [UInt8], count: Int = size) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + unit.count)
        while bytes.count < count { bytes += unit }
        return Array(bytes.prefix(count))
    }
    func symbol(cn: UInt8) -> [UInt8] {
        let data = Array("https://example.com/".utf8) + [UInt8](repeating: 0x78, count: 300)
        let length = data.count + 3
        var bytes: [UInt8] = [0x1D, 0x28, 0x6B, 3, 0, cn, 0x43, 0xFF]  // module size 255
        bytes += [0x1D, 0x28, 0x6B, UInt8(length & 0xFF), UInt8(length >> 8), cn, 0x50, 0x30] + data
        return bytes + repeated([0x1D, 0x28, 0x6B, 3, 0, cn, 0x51, 0x30], count: size - bytes.count)
    }
    func rasterMode3() -> [UInt8] {
        let header: [UInt8] = [0x1D, 0x76, 0x30, 0x03, 0xFF, 0x00, 0xFF, 0xFF]  // 255 bytes × 65 535 rows
        let image = header + [UInt8](repeating: 0xAA, count: 255 * 65535)
        return Array(repeated(image, count: size))
    }
    let inputs: [(String, () -> [UInt8])] = [
        ("ESC d 255", { repeated([0x1B, 0x64, 0xFF]) }),
        ("LF", { repeated([0x0A]) }),
        ("NUL", { repeated([0x00]) }),
        ("HT", { repeated([0x09]) }),
        ("QR module 255 printed again and again", { symbol(cn: 0x31) }),
        ("GS v 0 mode 3", rasterMode3),
    ]
    let renderer = ReceiptRenderer(profile: .generic80mm)
    for (name, make) in inputs {
        let bytes = make()
        Benchmark("Render 16 MiB of \(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(renderer.render(bytes))
            }
        }
    }
    let nul = [UInt8](repeating: 0, count: 10_000_000)
    Benchmark("Decode and list 10 MB of NUL") { benchmark in
        for _ in benchmark.scaledIterations {
            for decoded in CommandDecoder().commands(in: nul) {
                blackHole(CommandListing.line(decoded))
            }
        }
    }
}
