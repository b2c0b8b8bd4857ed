/// The byte after `GS` of each `GS` command this package emits or reads.
///
/// The compiler builds its commands from these values and the decoder recognises them by the same
/// values, so a command number is written in one place.
package enum GSFunction: UInt8, CaseIterable, Sendable {
    /// `GS ! n`: character width and height multipliers (high and low nibble, minus one).
    case characterSize = 0x21
    /// `GS ( fn pL pH …`: the extended functions; see ``GSExtendedFunction``.
    case extended = 0x28
    /// `GS * x y d…`: define a downloaded bit image.
    case defineDownloadedImage = 0x2A
    /// `GS / m`: print the downloaded bit image.
    case printDownloadedImage = 0x2F
    /// `GS 8 fn p1 p2 p3 p4 …`: the extended functions with a 32-bit length (`GS 8 L`).
    case extendedLong = 0x38
    /// `GS :`: start or end a macro definition.
    case macro = 0x3A
    /// `GS B n`: white on black.
    case reverse = 0x42
    /// `GS H n`: HRI position (0 none, 1 above, 2 below, 3 both).
    case hriPosition = 0x48
    /// `GS I n`: transmit printer ID.
    case transmitPrinterID = 0x49
    /// `GS L nL nH`: left margin in dots.
    case leftMargin = 0x4C
    /// `GS P x y`: horizontal and vertical motion units.
    case motionUnits = 0x50
    /// `GS V m [n]`: cut; see ``CutMode``.
    case cut = 0x56
    /// `GS W nL nH`: print-area width in dots.
    case printAreaWidth = 0x57
    /// `GS a n`: enable Automatic Status Back.
    case automaticStatusBack = 0x61
    /// `GS f n`: HRI font.
    case hriFont = 0x66
    /// `GS h n`: barcode height in dots.
    case barcodeHeight = 0x68
    /// `GS k m …`: print a barcode; see ``BarcodeSystem``.
    case barcode = 0x6B
    /// `GS r n`: transmit status.
    case transmitStatus = 0x72
    /// `GS v 0 m xL xH yL yH d…`: raster bit image.
    case rasterImage = 0x76
    /// `GS w n`: barcode module width.
    case barcodeModuleWidth = 0x77

    /// The byte after `GS v` that selects the raster bit image (`GS v 0`).
    package static let rasterImageFunction: UInt8 = 0x30
    /// The raster bit image's name: `GS v 0`.
    package static let rasterImageMnemonic = "GS v 0"

    /// The command's name as the reference and the listings write it: `GS !`.
    package var mnemonic: String {
        switch self {
        case .characterSize: "GS !"
        case .extended: "GS ("
        case .defineDownloadedImage: "GS *"
        case .printDownloadedImage: "GS /"
        case .extendedLong: "GS 8"
        case .macro: "GS :"
        case .reverse: "GS B"
        case .hriPosition: "GS H"
        case .transmitPrinterID: "GS I"
        case .leftMargin: "GS L"
        case .motionUnits: "GS P"
        case .cut: "GS V"
        case .printAreaWidth: "GS W"
        case .automaticStatusBack: "GS a"
        case .hriFont: "GS f"
        case .barcodeHeight: "GS h"
        case .barcode: "GS k"
        case .transmitStatus: "GS r"
        case .rasterImage: "GS v"
        case .barcodeModuleWidth: "GS w"
        }
    }

    /// The command with `parameters`: `GS`, this function's byte, then the parameters.
    package func callAsFunction(_ parameters: UInt8...) -> [UInt8] {
        [ControlCode.gs, rawValue] + parameters
    }
}
