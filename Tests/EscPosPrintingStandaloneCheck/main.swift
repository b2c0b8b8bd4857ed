// Links EscPosPrinting and EscPosInMemoryTransport alone, as a cloud relay that must not carry NIO,
// libusb, libcups or Foundation would. .ci/run builds this in release mode and checks the binary: it
// runs a whole confirmed print and then `scripts/check-printing-links` looks at what got linked.
import EscPos
import EscPosInMemoryTransport
import EscPosPrinting

let transport = InMemoryTransport(script: .epsonPrinter())
let printer = Printer(transport: transport, profile: .epsonTMT88VI)
do {
    let result = try await printer.print(
        Receipt {
            Text("Printing core check")
            Cut()
        }
    )
    guard result.job.delivery == .confirmed(.processID), transport.writtenBytes.starts(with: result.compiled.bytes)
    else {
        fatalError("printing core check failed: \(result.job.delivery), \(transport.writtenBytes.count) bytes written")
    }
    let status = try await printer.status()
    guard status.canPrint else { fatalError("printing core check failed: status \(status.problems)") }
    print("printing core check: \(result.compiled.bytes.count) bytes, confirmed by process ID, status ready")
} catch {
    fatalError("printing core check failed: \(error)")
}
