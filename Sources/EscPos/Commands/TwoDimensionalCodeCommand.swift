/// The `GS ( k pL pH cn fn …` 2D-code commands: the symbol numbers `cn`, the function numbers `fn` and
/// their parameter values, each defined once for the compiler, the decoder, the listing and the virtual
/// printer.
///
/// Epson numbers the functions `(cn − 48) · 100 + fn`, so QR's "function 180" (store) is cn 49, fn 80.
///
/// ```swift
/// TwoDimensionalCodeCommand.command(.qrCode, TwoDimensionalCodeCommand.print, [0x30])
/// // 1D 28 6B 03 00 31 51 30
/// ```
package enum TwoDimensionalCodeCommand {
    /// The `cn` byte: which symbology a `GS ( k` command is for.
    package enum CodeType: UInt8, CaseIterable, Sendable {
        /// PDF417 (cn 48).
        case pdf417 = 48
        /// QR code and Micro QR (cn 49).
        case qrCode = 49
        /// MaxiCode (cn 50).
        case maxiCode = 50
        /// GS1 DataBar 2D (cn 51).
        case gs1DataBar = 51
        /// Composite symbols (cn 52).
        case composite = 52
        /// Aztec code (cn 53, Epson's numbering).
        case aztecCode = 53
        /// Data Matrix ECC 200 (cn 54).
        case dataMatrix = 54

        /// The name the listing gives the symbology: `QR`, `PDF417`.
        package var listingName: String {
            switch self {
            case .pdf417: "PDF417"
            case .qrCode: "QR"
            case .maxiCode: "MaxiCode"
            case .gs1DataBar: "GS1 DataBar 2D"
            case .composite: "composite"
            case .aztecCode: "Aztec"
            case .dataMatrix: "DataMatrix"
            }
        }

        /// The label the virtual printer prints in its text rendering and placeholders: `QR`, `DATAMATRIX`.
        package var label: String {
            switch self {
            case .pdf417: "PDF417"
            case .qrCode: "QR"
            case .maxiCode: "MAXICODE"
            case .gs1DataBar: "DATABAR-2D"
            case .composite: "COMPOSITE"
            case .aztecCode: "AZTEC"
            case .dataMatrix: "DATAMATRIX"
            }
        }
    }

    // MARK: Functions shared by every symbology

    /// fn 80: store the symbol data (`m` = 48, then the data).
    package static let store: UInt8 = 0x50
    /// fn 81: print the stored symbol (`m` = 48).
    package static let print: UInt8 = 0x51
    /// fn 82: transmit the stored symbol's size.
    package static let transmitSize: UInt8 = 0x52
    /// The `m` byte of the store, print and transmit functions.
    package static let m: UInt8 = 0x30

    // MARK: Settings; the same fn means different things per symbology

    /// fn 65: QR model, PDF417 columns, MaxiCode mode.
    package static let modelColumnsOrMode: UInt8 = 0x41
    /// fn 66: PDF417 rows, Aztec format and layers, Data Matrix shape and size.
    package static let rowsOrShape: UInt8 = 0x42
    /// fn 67: module size (PDF417 module width).
    package static let moduleSize: UInt8 = 0x43
    /// fn 68: PDF417 row height.
    package static let rowHeight: UInt8 = 0x44
    /// fn 69: error correction.
    package static let errorCorrection: UInt8 = 0x45
    /// fn 70: PDF417 standard or truncated.
    package static let truncation: UInt8 = 0x46

    // MARK: Parameter values

    /// The QR model byte of fn 65: 49 model 1, 50 model 2, 51 Micro QR.
    package static let qrModel1: UInt8 = 0x31
    /// QR model 2.
    package static let qrModel2: UInt8 = 0x32
    /// Micro QR.
    package static let qrMicro: UInt8 = 0x33
    /// The first QR error-correction byte of fn 69: 48 + 0 (L), 1 (M), 2 (Q), 3 (H).
    package static let qrErrorCorrectionBase: UInt8 = 0x30
    /// The PDF417 error-correction form byte of fn 69: 48 a level (then 48 + level), 49 a ratio (then tenths).
    package static let pdf417Level: UInt8 = 0x30
    /// The PDF417 ratio form.
    package static let pdf417Ratio: UInt8 = 0x31
    /// The MaxiCode mode byte of fn 65 is 48 + the mode.
    package static let maxiCodeModeBase: UInt8 = 0x30

    // MARK: Building commands

    /// `GS ( k pL pH cn fn parameters…`, with `pL pH` counted from the parameters (2 + their count).
    package static func command(_ type: CodeType, _ function: UInt8, _ parameters: [UInt8]) -> [UInt8] {
        GSExtendedFunction.twoDimensionalCode.command([type.rawValue, function] + parameters)
    }

    /// fn 80: `GS ( k pL pH cn 80 48 d…`, storing `data`.
    package static func storeCommand(_ type: CodeType, data: [UInt8]) -> [UInt8] {
        command(type, store, [m] + data)
    }

    /// fn 81: `GS ( k 03 00 cn 81 48`, printing the stored symbol.
    package static func printCommand(_ type: CodeType) -> [UInt8] {
        command(type, print, [m])
    }
}
