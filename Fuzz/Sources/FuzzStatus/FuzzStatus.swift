import EscPosPrinting
import FuzzSupport

/// libFuzzer entry point: the input as what a printer sent back. The first byte sets the chunk size the
/// bytes arrive in (1...16, as a socket would split them); every reply is taken from PrinterReplyParser
/// and read as status where it claims to be one, then the rest is decoded as real-time replies to each
/// request. Also checks that the parser consumes what it buffers: it never holds more than one block.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    guard let first = input.first else { return 0 }
    let bytes = input.dropFirst()
    let chunk = Int(first & 0x0F) + 1
    var parser = PrinterReplyParser()
    var index = bytes.startIndex
    var replies = 0
    while index < bytes.endIndex {
        let end = min(index + chunk, bytes.endIndex)
        parser.append(bytes[index..<end])
        index = end
        while let reply = parser.next() {
            replies += 1
            switch reply {
            case .automaticStatusBack(let block):
                let status = try? PrinterStatus(automaticStatusBack: block)
                check(status != nil, "an ASB reply that does not decode: \(block)")
                _ = status?.problems
                // Both directions of the codec agree: the block built from a decoded status decodes the same.
                if let status, let again = try? PrinterStatus(automaticStatusBack: status.automaticStatusBackBlock) {
                    check(again.canPrint == status.canPrint, "ASB round trip changed canPrint: \(block)")
                } else if status != nil {
                    check(false, "the ASB block built from a status does not decode: \(block)")
                }
            case .realTimeStatus(let byte):
                for request in PrinterStatus.RealTimeRequest.allCases {
                    let status = try? PrinterStatus(realTimeReplies: [request: byte])
                    check(status != nil, "a real-time reply that does not decode: \(byte)")
                    _ = status?.canPrint
                }
            case .processID(let id):
                check(id.count == 4 && id.allSatisfy { (0x20...0x7E).contains($0) }, "a bad process ID: \(id)")
            case .information(let text):
                _ = text.count
            case .typeInformation, .byte, .unknown:
                break
            }
        }
        check(parser.bufferedCount <= 1024, "the parser holds \(parser.bufferedCount) bytes")
    }
    check(replies <= bytes.count, "replies <= bytes.count")
    var status = PrinterStatus(source: .realTime)
    for (offset, byte) in bytes.prefix(64).enumerated() {
        let request = PrinterStatus.RealTimeRequest.allCases[offset % 4]
        try? status.apply(request, reply: byte)
    }
    _ = status.problems
    _ = PrinterStatus.isAutomaticStatusBack(bytes.prefix(4))
    return 0
}

/// The program's entry point (SwiftPM links `main` to it): libFuzzer's driver with ``fuzz(_:_:)``.
@_cdecl("FuzzStatus_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, count in fuzz(data.map(UnsafeRawPointer.init) ?? emptyInput, count) }
}
