public import EscPos
import EscPosSymbolRendering

/// Draws the virtual printer's barcodes and 2D codes with libzint (through `ZintSymbolRenderer`), so the
/// page shows scannable symbols built from the data the commands carry.
///
/// This is the ``ReceiptRenderer``'s default. It draws the `GS k` symbologies UPC-A, UPC-E, EAN-13, EAN-8,
/// Code 39, ITF, Codabar, Code 93 and Code 128 (code sets `{A`, `{B`, `{C` as ESC/POS sends them), and the
/// `GS ( k` QR codes, PDF417, Data Matrix and Aztec codes. Others (GS1-128, GS1 DataBar, MaxiCode) and data
/// libzint rejects are left to the renderer's labelled placeholder. Bars are drawn by libzint's encoder, so
/// the module pattern may differ from a given printer's (another valid Code 128 code-set choice, for
/// instance) while the data read back is the same.
public struct ZintSymbolDrawing: SymbolDrawing {
    private let renderer = ZintSymbolRenderer()

    /// Creates a drawing.
    public init() {}

    /// Draws a `GS k` barcode, or returns `nil` for a symbology or data it does not handle.
    public func drawBarcode(system: UInt8, data: [UInt8], moduleWidth: Int, height: Int) -> MonochromeBitmap? {
        let symbologies: [UInt8: Barcode.Symbology] = [
            0: .upcA, 65: .upcA, 1: .upcE, 66: .upcE, 2: .ean13, 67: .ean13, 3: .ean8, 68: .ean8, 4: .code39, 69: .code39,
            5: .itf, 70: .itf, 6: .codabar, 71: .codabar, 72: .code93, 73: .code128, 79: .code128,
        ]
        guard let symbology = symbologies[system] else { return nil }
        let text: String
        if system == 73 {
            guard let decoded = Self.code128Text(data) else { return nil }
            text = decoded
        } else {
            text = String(decoding: data, as: UTF8.self)
        }
        return try? renderer.render(.barcode(Barcode(text, symbology: symbology)), moduleSize: moduleWidth, height: height)
    }

    /// Draws a `GS ( k` 2D code, or returns `nil` for a symbology or data it does not handle.
    public func drawTwoDimensionalCode(cn: UInt8, data: [UInt8], moduleSize: Int, settings: [UInt8: [UInt8]]) -> MonochromeBitmap? {
        let symbol: Symbol
        switch cn {
        case 49:
            var code = QRCode(bytes: data)
            let levels: [QRCode.ErrorCorrection] = [.low, .medium, .quartile, .high]
            if let level = settings[69]?.first, (48...51).contains(level) { code.errorCorrection = levels[Int(level - 48)] }
            if let model = settings[65]?.first, model == 51 { code.model = .micro }
            symbol = .qrCode(code)
        case 48: symbol = .pdf417(PDF417(bytes: data))
        case 54: symbol = .dataMatrix(DataMatrix(bytes: data))
        case 53: symbol = .aztecCode(AztecCode(bytes: data))
        default: return nil
        }
        return try? renderer.render(symbol, moduleSize: moduleSize, height: 0)
    }

    /// The characters of ESC/POS Code 128 data: `{A`/`{B`/`{C` select a code set, `{{` is a brace, and in
    /// code set C each byte is a pair of digits (0–99). `nil` for function characters (`{1`–`{4`) and bad bytes.
    static func code128Text(_ data: [UInt8]) -> String? {
        var text = ""
        var codeSetC = false
        var index = 0
        while index < data.count {
            let byte = data[index]
            if byte == 0x7B, index + 1 < data.count {
                switch data[index + 1] {
                case 0x41, 0x42: codeSetC = false
                case 0x43: codeSetC = true
                case 0x7B: text.append("{")
                default: return nil
                }
                index += 2
                continue
            }
            if codeSetC {
                guard byte <= 99 else { return nil }
                text += byte < 10 ? "0\(byte)" : "\(byte)"
            } else {
                guard byte < 0x80 else { return nil }
                text.unicodeScalars.append(Unicode.Scalar(byte))
            }
            index += 1
        }
        return text
    }
}
