public import EscPos
import EscPosPrinting

extension PrinterProfile {
    /// What the virtual printer answers to `GS I n` when it emulates this model, or `nil` when a printer
    /// sends nothing: 1-byte IDs for `n` 1–3 (49–51), `_text NUL` blocks for 65–69 (firmware, maker,
    /// model, serial number, fonts).
    public func virtualPrinterIDReply(_ n: UInt8) -> [UInt8]? {
        let identity = PrinterIdentity(
            manufacturer: vendor,
            model: name,
            firmware: "1.00 swift-escpos virtual printer",
            serialNumber: "VP-\(id)"
        )
        switch n {
        case 1, 0x31: return [0x20]  // model ID: TM-T88 series
        case 2, 0x32: return [capabilities.cutter == nil ? 0x00 : 0x02]  // type ID: bit 1 autocutter
        case 3, 0x33: return [0x01]  // ROM version ID
        case 0x41...0x44: return PrinterIdentity.Query(rawValue: n).flatMap(identity.informationReply(to:))
        case 0x45: return StatusCommands.informationBlock("PC437")
        default: return nil
        }
    }
}
