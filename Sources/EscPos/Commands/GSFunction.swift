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

/// The function byte after `GS (` (and `GS 8`): which family of extended functions follows.
package enum GSExtendedFunction: UInt8, Sendable {
    /// `GS ( D pL pH 20 [a b]…`: enable (b 1) or disable (b 0) real-time command a (1 drawer pulse,
    /// 2 power off).
    case realTimeCommandControl = 0x44
    /// `GS ( L` / `GS 8 L`: graphics; see ``GraphicsFunction``.
    case graphics = 0x4C
    /// `GS ( k`: 2D codes; see ``TwoDimensionalCodeCommand``.
    case twoDimensionalCode = 0x6B

    /// The family's name: `GS ( k`.
    package var mnemonic: String {
        switch self {
        case .realTimeCommandControl: "GS ( D"
        case .graphics: "GS ( L"
        case .twoDimensionalCode: "GS ( k"
        }
    }

    /// The name of the 32-bit-length form: `GS 8 L`.
    package var longMnemonic: String {
        switch self {
        case .realTimeCommandControl: "GS 8 D"
        case .graphics: "GS 8 L"
        case .twoDimensionalCode: "GS 8 k"
        }
    }

    /// The `m` byte of `GS ( D` (fn 20) that the enable/disable pairs follow.
    package static let realTimeCommandControlFunction: UInt8 = 0x14

    /// `GS ( fn pL pH` followed by `parameters`, with the 16-bit length `pL pH` counted from `parameters`.
    ///
    /// Every `GS (` command's length is computed here, so none is written out by hand.
    ///
    /// - Precondition: `parameters` holds at most 65 535 bytes.
    package func command(_ parameters: [UInt8]) -> [UInt8] {
        var bytes = header(parameterLength: parameters.count)
        bytes += parameters
        return bytes
    }

    /// `GS ( fn pL pH` for `parameterLength` bytes of parameters that the caller appends.
    ///
    /// - Precondition: `parameterLength` is at most 65 535.
    package func header(parameterLength: Int) -> [UInt8] {
        precondition((0...0xFFFF).contains(parameterLength), "GS ( takes at most 65 535 parameter bytes")
        return [
            ControlCode.gs, GSFunction.extended.rawValue, rawValue, UInt8(parameterLength & 0xFF),
            UInt8(parameterLength >> 8),
        ]
    }

    /// `GS 8 fn p1 p2 p3 p4` for `parameterLength` bytes of parameters: the 32-bit length form.
    package func longHeader(parameterLength: Int) -> [UInt8] {
        precondition((0...0xFFFF_FFFF).contains(parameterLength), "GS 8 takes at most 4 294 967 295 bytes")
        var bytes = [ControlCode.gs, GSFunction.extendedLong.rawValue, rawValue]
        for shift in stride(from: 0, to: 32, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: parameterLength >> shift))
        }
        return bytes
    }
}
