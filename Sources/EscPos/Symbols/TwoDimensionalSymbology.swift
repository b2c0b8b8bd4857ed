/// A two-dimensional symbology that ESC/POS prints with `GS ( k`: an open set of names.
public struct TwoDimensionalSymbology: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The name as it appears in JSON profiles.
    public let rawValue: String

    /// Creates a symbology from its name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Decodes the name.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The name.
    public var description: String { rawValue }

    /// QR Code model 2 (`GS ( k` cn 49).
    public static let qrCode = TwoDimensionalSymbology(rawValue: "qrCode")
    /// Micro QR (`GS ( k` cn 49, function 165 n = 51).
    public static let microQRCode = TwoDimensionalSymbology(rawValue: "microQRCode")
    /// PDF417 (`GS ( k` cn 48).
    public static let pdf417 = TwoDimensionalSymbology(rawValue: "pdf417")
    /// MaxiCode (`GS ( k` cn 50).
    public static let maxiCode = TwoDimensionalSymbology(rawValue: "maxiCode")
    /// Aztec Code (`GS ( k` cn 53 in Epson's reference; some clones use other numbers).
    public static let aztecCode = TwoDimensionalSymbology(rawValue: "aztecCode")
    /// Data Matrix ECC 200 (`GS ( k` cn 54).
    public static let dataMatrix = TwoDimensionalSymbology(rawValue: "dataMatrix")
}
